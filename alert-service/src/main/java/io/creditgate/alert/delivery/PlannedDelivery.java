package io.creditgate.alert.delivery;

/**
 * A delivery decided for one alert and channel, rendered at planning time so that a retry after a restart sends
 * exactly what was planned.
 *
 * @param recipient email address(es) or webhook URL; null for in-app
 * @param skipReason non-null when the channel is logged as SKIPPED instead of sent
 */
record PlannedDelivery(Channel channel, String recipient, String subject, String body, String skipReason) {

    static PlannedDelivery skipped(Channel channel, String reason) {
        return new PlannedDelivery(channel, null, null, null, reason);
    }
}
