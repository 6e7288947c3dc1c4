package io.creditgate.ledger.deadletter;

import java.time.Instant;

import io.creditgate.schemas.event.UsageRecorded;

/**
 * One record of the dead-letter topic, as the {@code dead-letters} command shows and re-ingests it.
 *
 * @param id the dead letter's id: the usage's eventId, or {@code topic-partition@offset} when it does not decode
 * @param userId the user id the usage named (perhaps the invalid one); null when unknown
 * @param reason {@code unreadable}, {@code rejected} or a user-id code ({@code user_invalid}, …)
 * @param message why, for a person
 * @param deadLetteredAt when the ledger dead-lettered it; null when the header is missing
 * @param position where it sits on the dead-letter topic, {@code partition@offset}
 * @param usage the decoded usage; null when its bytes are not a readable {@code UsageRecorded}
 */
record DeadLetter(String id, String userId, String reason, String message, Instant deadLetteredAt, String position,
        UsageRecorded usage) {
}
