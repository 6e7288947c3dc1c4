package io.creditgate.alert.deadletter;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.creditgate.alert.delivery.AdminNotices;
import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The admins' email about one record of {@code creditgate.usage-dead-letter} or {@code creditgate.payment-dead-letter}:
 * what was set aside, why, and the command that re-ingests it. Built from the ledger's {@link DeadLetterHeaders} alone, so an unreadable record is told too.
 */
final class DeadLetterNotice {

    static final String USAGE_TYPE = "UsageDeadLettered";
    static final String PAYMENT_TYPE = "PaymentDeadLettered";
    static final String COMMAND = "java -jar ledger-service/target/ledger-service.jar dead-letters";

    private DeadLetterNotice() {
    }

    /** The notice of a dead-letter record; its id is {@code dead-letter:<the dead letter's id>}. */
    static AdminNotices.Notice of(ConsumerRecord<String, byte[]> record) {
        String id = header(record, DeadLetterHeaders.ID,
                DeadLetterHeaders.positionId(record.topic(), record.partition(), record.offset()));
        String reason = header(record, DeadLetterHeaders.REASON, "unknown");
        String message = header(record, DeadLetterHeaders.MESSAGE, "(no message)");
        String userId = header(record, DeadLetterHeaders.USER_ID, record.key() == null ? "(unknown)" : record.key());
        Instant at = instant(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.AT), record.timestamp());
        String source = header(record, DeadLetterHeaders.SOURCE_TOPIC, "?") + "-"
                + header(record, DeadLetterHeaders.SOURCE_PARTITION, "?") + "@" + header(record, DeadLetterHeaders.SOURCE_OFFSET, "?");
        boolean payment = record.topic().equals(Topics.PAYMENT_DEAD_LETTER.name());
        String subject = (payment ? "[Creditgate] A payment was not credited: " : "[Creditgate] A usage event was not charged: ")
                + reason + " (event " + id + ")";
        String body = (payment ? """
                The ledger could not fold a payment event and set it aside on creditgate.payment-dead-letter.
                The money moved at the payment provider; the account does not show it until the event is re-ingested.
                """ : """
                The ledger could not charge a usage event and set it aside on creditgate.usage-dead-letter.
                The call was served; its cost is not on any account until the event is re-ingested.
                """) + """

                Reason:            %s. %s
                User id:           "%s"
                Event id:          %s
                Read at:           %s
                Dead-lettered at:  %s

                %s
                """.formatted(reason, message, userId, id, source, at, whatToDo(reason, id));
        return new AdminNotices.Notice("dead-letter:" + id, payment ? PAYMENT_TYPE : USAGE_TYPE, userId, at, subject, body);
    }

    private static String whatToDo(String reason, String id) {
        if (reason.equals(DeadLetterHeaders.REASON_UNREADABLE)) {
            return "Its bytes are not a readable event, so it cannot be re-ingested; the producer that wrote it needs"
                    + " fixing. List the dead letters with:\n\n  " + COMMAND;
        }
        if (reason.startsWith("user_")) {
            return "Find the person the id was meant for, then re-ingest it once under the corrected id:\n\n  " + COMMAND
                    + " reingest --event-id=" + id + " --user-id=<corrected id>";
        }
        return "Once the cause is fixed, re-ingest it (once; a second run does nothing):\n\n  " + COMMAND
                + " reingest --event-id=" + id;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name, String otherwise) {
        String value = DeadLetterHeaders.text(record.headers(), name);
        return value == null ? otherwise : value;
    }

    private static Instant instant(String text, long recordTimestampMs) {
        try {
            return text == null ? Instant.ofEpochMilli(recordTimestampMs) : Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            return Instant.ofEpochMilli(recordTimestampMs);
        }
    }
}
