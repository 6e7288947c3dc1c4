package io.creditgate.alert.detection;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Alert event ids derived from what caused them. Under exactly-once a change may be processed twice (an
 * aborted transaction is retried); the retry must yield the same ids so that deliveries, keyed by event id
 * and channel, stay at most once.
 */
final class AlertIds {

    static String of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private AlertIds() {
    }
}
