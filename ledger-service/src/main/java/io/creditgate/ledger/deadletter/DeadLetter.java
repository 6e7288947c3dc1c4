package io.creditgate.ledger.deadletter;

import java.time.Instant;

import io.creditgate.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record of a dead-letter topic, as the {@code dead-letters} command shows and re-ingests it.
 *
 * @param source the topic it was read from, where a re-ingest publishes it again
 * @param id the dead letter's id: the event's eventId, or {@code topic-partition@offset} when it does not decode
 * @param userId the user id the event named (perhaps the invalid one); null when unknown
 * @param reason {@code unreadable}, {@code rejected} or a user-id code ({@code user_invalid}, …)
 * @param message why, for a person
 * @param deadLetteredAt when the ledger dead-lettered it; null when the header is missing
 * @param position where it sits, {@code dead-letter-topic-partition@offset}
 * @param event the decoded event; null when its bytes are not a readable event of {@code source}
 */
record DeadLetter(Topic source, String id, String userId, String reason, String message, Instant deadLetteredAt,
        String position, SpecificRecord event) {

    /** "usage" or "payment". */
    String kind() {
        return source.name().replace("creditgate.", "").replace("-events", "");
    }
}
