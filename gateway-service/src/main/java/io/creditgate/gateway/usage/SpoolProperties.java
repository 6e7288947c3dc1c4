package io.creditgate.gateway.usage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The local spool that keeps UsageRecorded events while Kafka cannot take them, and the journal that keeps every
 * answered call's event until Kafka or the spool has it.
 *
 * @param directory where the spool file lives ({@code CREDITGATE_SPOOL_DIRECTORY}); one gateway instance per
 *     directory (a lock file enforces it). Put it on a persistent volume: what is in it is not yet in Kafka
 * @param retryInterval how long the drainer waits after Kafka refused an event before it tries again
 * @param drainBatch events sent to Kafka at once while draining
 * @param journalForceInterval how often the journal of answered calls is forced to disk: a machine loss (not a
 *     process kill, which loses nothing) takes at most the events answered in this interval and not yet in Kafka
 * @param journalSegmentBytes the size at which the journal starts a new file (a file is deleted once every event
 *     in it reached Kafka or the spool; after a kill, a file's events are all sent again, repeats dropped by eventId)
 */
@ConfigurationProperties("creditgate.spool")
record SpoolProperties(
        @DefaultValue("spool") Path directory,
        @DefaultValue("1s") Duration retryInterval,
        @DefaultValue("200") int drainBatch,
        @DefaultValue("200ms") Duration journalForceInterval,
        @DefaultValue("256KB") DataSize journalSegmentBytes) {

    SpoolProperties {
        if (retryInterval.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.spool.retry-interval must be positive");
        }
        if (drainBatch < 1) {
            throw new IllegalArgumentException("creditgate.spool.drain-batch must be at least 1");
        }
        if (journalForceInterval.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.spool.journal-force-interval must be positive");
        }
        if (journalSegmentBytes.toBytes() < 4096) {
            throw new IllegalArgumentException("creditgate.spool.journal-segment-bytes must be at least 4KB");
        }
    }
}
