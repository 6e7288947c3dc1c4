package io.creditgate.alert.delivery;

/** Where a notification goes; with the alert's event id it makes the delivery's idempotency key. */
public enum Channel {
    EMAIL, WEBHOOK, IN_APP, ADMIN_EMAIL;

    String keyFor(String alertEventId) {
        return alertEventId + ":" + name();
    }
}
