package io.creditgate.schemas;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers the ledger adds to a record it dead-letters ({@link Topics#USAGE_DEAD_LETTER},
 * {@link Topics#PAYMENT_DEAD_LETTER}), next to the record's own
 * headers. Every value is UTF-8 text, so any tool ({@code kafka-console-consumer --property print.headers=true}) reads
 * them. The ledger also writes Spring Kafka's {@code kafka_dlt-*} headers (binary offsets, the exception class); these
 * are the ones Creditgate's readers rely on.
 */
public final class DeadLetterHeaders {

    /** Why: {@code unreadable}, {@code rejected} (an account rule), or a user-id code ({@code user_invalid}, …). */
    public static final String REASON = "creditgate-dead-letter-reason";
    /** A sentence for a person, e.g. "The user id may not contain whitespace, …". */
    public static final String MESSAGE = "creditgate-dead-letter-message";
    /**
     * The dead letter's id: the event's {@code eventId} when the record decodes, else {@code topic-partition@offset}.
     * Alerts and re-ingestion are idempotent by it.
     */
    public static final String ID = "creditgate-dead-letter-id";
    /** The event's user id as the record named it (may be the invalid one); absent when the record does not decode. */
    public static final String USER_ID = "creditgate-dead-letter-user-id";
    /** Where the record was read: topic, partition and offset, as decimal text. */
    public static final String SOURCE_TOPIC = "creditgate-dead-letter-source-topic";
    public static final String SOURCE_PARTITION = "creditgate-dead-letter-source-partition";
    public static final String SOURCE_OFFSET = "creditgate-dead-letter-source-offset";
    /** When the ledger dead-lettered it, ISO-8601 UTC (e.g. {@code 2026-12-06T16:40:00Z}). */
    public static final String AT = "creditgate-dead-letter-at";

    /** The reason of a record that is not a readable event of its topic. */
    public static final String REASON_UNREADABLE = "unreadable";
    /**
     * The reason of an event an account rule refuses (the aggregate's {@code CommandRejectedException}, or a refund
     * of an account that does not exist).
     */
    public static final String REASON_REJECTED = "rejected";

    /** The last value of the header as text; null when absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The id of a dead letter that has no event id (its bytes do not decode): its position on the source topic. */
    public static String positionId(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private DeadLetterHeaders() {
    }
}
