package io.creditgate.ledger.deadletter;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.creditgate.schemas.identity.UserId;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-publishes a dead letter's event to the topic it was read from (usage, payment), at most once per dead letter: the row of
 * {@code dead_letter_reingestion} is claimed in the transaction that waits for the broker's acknowledgement, so a
 * second run finds it and does nothing, and a failed publish leaves no row. A crash after the acknowledgement and
 * before the commit publishes it again on the next run; the ledger's eventId dedupe charges it once all the same.
 */
@Component
class Reingestion {

    /** The header naming the dead letter a re-ingested usage came from (for whoever reads the usage topic). */
    static final String REINGESTED_FROM = "creditgate-reingested-from";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaProperties kafka;
    private final Clock clock;

    Reingestion(JdbcTemplate jdbc, PlatformTransactionManager transactions, KafkaProperties kafka, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.kafka = kafka;
        this.clock = clock;
    }

    /** What happened to one dead letter. */
    record Result(DeadLetter letter, Outcome outcome, String detail) {
    }

    enum Outcome {
        /** Published to its topic now. */
        REINGESTED,
        /** Re-ingested by an earlier run; nothing done. */
        ALREADY_REINGESTED,
        /** Cannot be re-ingested as asked (unreadable bytes, a user id that is still invalid). */
        REFUSED
    }

    /** When each dead letter was re-ingested, and as which user: "user at time", by dead-letter id. */
    Map<String, String> reingested() {
        return jdbc.query("SELECT dead_letter_id, user_id, reingested_at FROM dead_letter_reingestion", rows -> {
            Map<String, String> done = new java.util.HashMap<>();
            while (rows.next()) {
                done.put(rows.getString(1), rows.getTimestamp(3).toInstant() + " as " + rows.getString(2));
            }
            return done;
        });
    }

    /**
     * Re-ingests each letter, with {@code correctedUserId} (null: the user id it had) as its user.
     *
     * @throws IllegalStateException when Kafka does not acknowledge a publish (the letter's row is rolled back)
     */
    List<Result> reingest(List<DeadLetter> letters, String correctedUserId) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            return letters.stream().map(letter -> reingest(letter, correctedUserId, producer)).toList();
        }
    }

    private Result reingest(DeadLetter letter, String correctedUserId, KafkaProducer<String, byte[]> producer) {
        // First: a letter re-ingested under a corrected id still carries its invalid one, and is done all the same.
        String before = reingestedBefore(letter);
        if (before != null) {
            return new Result(letter, Outcome.ALREADY_REINGESTED, "re-ingested before: " + before);
        }
        if (letter.event() == null) {
            return new Result(letter, Outcome.REFUSED, "its bytes are not a readable event of " + letter.source()
                    + " (kept at " + letter.position() + ")");
        }
        String userId = correctedUserId != null ? correctedUserId : DeadLetters.field(letter.event(), "userId");
        UserId.Problem problem = UserId.problemOf(userId);
        if (problem != null) {
            return new Result(letter, Outcome.REFUSED, (correctedUserId != null ? "--user-id: " : "")
                    + problem.message() + (correctedUserId == null ? " Pass the corrected id with --user-id=<id>." : ""));
        }
        SpecificRecord event = withUserId(letter.event(), userId);
        Instant now = clock.instant();
        return tx.execute(status -> {
            int claimed = jdbc.update("""
                    INSERT INTO dead_letter_reingestion (dead_letter_id, event_id, original_user_id, user_id, reason,
                                                         dead_letter_offset, reingested_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dead_letter_id) DO NOTHING""",
                    letter.id(), DeadLetters.field(event, "eventId"), letter.userId(), userId, letter.reason(), letter.position(),
                    Timestamp.from(now));
            if (claimed == 0) {
                // Another run claimed it after our first look, and committed.
                return new Result(letter, Outcome.ALREADY_REINGESTED, "re-ingested before: " + reingestedBefore(letter));
            }
            RecordMetadata published = publish(producer, letter, event, userId);
            String offset = published.topic() + "-" + published.partition() + "@" + published.offset();
            jdbc.update("UPDATE dead_letter_reingestion SET usage_offset = ? WHERE dead_letter_id = ?", offset, letter.id());
            return new Result(letter, Outcome.REINGESTED, "as user " + userId + " at " + offset);
        });
    }

    private String reingestedBefore(DeadLetter letter) {
        return jdbc.query("SELECT user_id, reingested_at FROM dead_letter_reingestion WHERE dead_letter_id = ?",
                rows -> rows.next() ? rows.getTimestamp(2).toInstant() + " as " + rows.getString(1) : null, letter.id());
    }

    /** A copy of the event with {@code userId} as its user: every Creditgate event names its user in that field. */
    private static SpecificRecord withUserId(SpecificRecord event, String userId) {
        SpecificRecord copy = SpecificData.get().deepCopy(event.getSchema(), event);
        copy.put(event.getSchema().getField("userId").pos(), userId);
        return copy;
    }

    private static RecordMetadata publish(KafkaProducer<String, byte[]> producer, DeadLetter letter, SpecificRecord event,
            String userId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(letter.source().name(), userId,
                letter.source().codec().encode(event));
        record.headers().add(REINGESTED_FROM, letter.id().getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(record).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Kafka did not acknowledge the re-ingested usage " + letter.id() + ": "
                    + failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-ingesting " + letter.id(), interrupted);
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }
}
