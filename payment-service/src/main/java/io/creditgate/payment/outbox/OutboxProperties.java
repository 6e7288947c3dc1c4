package io.creditgate.payment.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The relay's pace ({@code creditgate.payment.outbox.*}).
 *
 * @param enabled false stops the relay (rows wait); for tests and maintenance
 * @param pollInterval how often an idle relay looks for rows a wake-up did not announce (another instance's)
 * @param batchSize rows published per transaction
 * @param minBackoff the wait after the first failed publication, doubled per failure in a row
 * @param maxBackoff the longest wait between attempts while Kafka is down
 */
@ConfigurationProperties("creditgate.payment.outbox")
record OutboxProperties(Boolean enabled, Duration pollInterval, Integer batchSize, Duration minBackoff, Duration maxBackoff) {

    OutboxProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval != null ? pollInterval : Duration.ofMillis(500);
        batchSize = batchSize != null ? batchSize : 200;
        minBackoff = minBackoff != null ? minBackoff : Duration.ofMillis(500);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofSeconds(30);
        if (batchSize < 1) {
            throw new IllegalArgumentException("creditgate.payment.outbox.batch-size must be at least 1");
        }
    }
}
