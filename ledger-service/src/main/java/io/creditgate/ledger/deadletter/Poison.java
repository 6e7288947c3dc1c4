package io.creditgate.ledger.deadletter;

import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.identity.UserId;

/**
 * Why a record can never be folded, as it is written to the dead-letter topic's headers.
 *
 * @param reason the code: {@code unreadable}, {@code rejected} or a {@link UserId.Problem#code()}; the metric's tag
 * @param message a sentence for the admin who reads the alert
 * @param eventId the event's eventId; null when the record does not decode
 * @param userId the event's user id as written (perhaps the invalid one); null when the record does not decode
 */
public record Poison(String reason, String message, String eventId, String userId) {

    /** Bytes that are not an event of any schema the ledger knows for the topic. */
    public static Poison unreadable(String message) {
        return new Poison(DeadLetterHeaders.REASON_UNREADABLE, message, null, null);
    }

    /** An event whose user id breaks the one rule. */
    public static Poison invalidUserId(UserId.Problem problem, String eventId, String userId) {
        return new Poison(problem.code(), problem.message(), eventId, userId);
    }

    /** An event that an account rule refuses (negative cost, a refund of an unknown purchase, …). */
    public static Poison rejected(String message, String eventId, String userId) {
        return new Poison(DeadLetterHeaders.REASON_REJECTED, message, eventId, userId);
    }
}
