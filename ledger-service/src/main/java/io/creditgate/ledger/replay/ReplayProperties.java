package io.creditgate.ledger.replay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit replay.
 *
 * @param source what is folded: {@code JOURNAL_TOPIC} (the Kafka journal topic from offset 0; the event store's chain
 *        is checked beside it) or {@code EVENT_STORE} (the event store alone, e.g. when the topic is unavailable)
 * @param topicWait how long to wait, once the topic's end is reached, for the journal publisher to publish events the
 *        event store already holds; accounts still behind then are reported
 */
@ConfigurationProperties("creditgate.replay")
public record ReplayProperties(
        @DefaultValue("JOURNAL_TOPIC") Source source,
        @DefaultValue("60s") Duration topicWait) {

    /** What a replay folds. */
    public enum Source {
        JOURNAL_TOPIC, EVENT_STORE;

        /** {@code journal-topic} or {@code event-store} (any case, '-' or '_'). */
        public static Source parse(String text) {
            for (Source source : values()) {
                if (source.name().equalsIgnoreCase(text.replace('-', '_'))) {
                    return source;
                }
            }
            throw new IllegalArgumentException("source must be journal-topic or event-store, was '" + text + "'");
        }
    }

    public ReplayProperties {
        if (topicWait.isNegative()) {
            throw new IllegalArgumentException("creditgate.replay.topic-wait must not be negative");
        }
    }
}
