package io.creditgate.gateway.usage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local spool that keeps UsageRecorded events while Kafka cannot take them.
 *
 * @param directory where the spool file lives ({@code CREDITGATE_SPOOL_DIRECTORY}); one gateway instance per
 *     directory (a lock file enforces it). Put it on a persistent volume: what is in it is not yet in Kafka
 * @param retryInterval how long the drainer waits after Kafka refused an event before it tries again
 * @param drainBatch events sent to Kafka at once while draining
 */
@ConfigurationProperties("creditgate.spool")
record SpoolProperties(
        @DefaultValue("spool") Path directory,
        @DefaultValue("1s") Duration retryInterval,
        @DefaultValue("200") int drainBatch) {

    SpoolProperties {
        if (retryInterval.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.spool.retry-interval must be positive");
        }
        if (drainBatch < 1) {
            throw new IllegalArgumentException("creditgate.spool.drain-batch must be at least 1");
        }
    }
}
