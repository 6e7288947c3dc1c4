package io.creditgate.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.creditgate.ledger.GeneratedJournals;
import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.Projections;
import io.creditgate.ledger.account.JournalGenerator;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit replay on the real journal in PostgreSQL: a tampered byte is named, 100,000 events reproduce every balance.
 * The tamper test runs first, so its replays read a small journal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditReplayTest extends LedgerServiceTestBase {

    private static final int ACCOUNTS = 1_000;
    private static final int EVENTS_PER_ACCOUNT = 100;
    private static final int BATCH_ACCOUNTS = 50;

    @Autowired
    private AuditReplay replay;
    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private org.springframework.core.env.Environment environment;

    @Test
    @Order(1)
    void flippingOneByteOfAStoredEventFailsTheReplayAndNamesTheAccount() throws Exception {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "welcome-bonus", "grantId": "g1"}""").status()).isEqualTo(201);
        assertThat(postGrant(user, """
                {"amountCredits": 7000, "reason": "second", "grantId": "g2"}""").status()).isEqualTo(201);
        assertThat(brokenLinkOf(adminReplay(), user)).isNull();
        assertThat(postJson("/api/admin/replay", "", null).status()).isEqualTo(401);
        Response badSource = postJson("/api/admin/replay?source=kafka", "", "Bearer " + ADMIN_KEY);
        assertThat(badSource.status()).isEqualTo(400);
        assertThat(badSource.errorCode()).isEqualTo("invalid_request");
        assertThat(badSource.body()).contains("journal-topic or event-store");
        Response storeOnlyByApi = postJson("/api/admin/replay?source=event-store", "", "Bearer " + ADMIN_KEY);
        assertThat(storeOnlyByApi.status()).as(storeOnlyByApi.body()).isEqualTo(200);
        assertThat(storeOnlyByApi.json().get("source").asString()).isEqualTo("event-store");

        awaitPublished(user, 3);
        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1", byte[].class, user);
        byte[] tampered = original.clone();
        int at = new String(original, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("welcome-bonus");
        assertThat(at).isPositive();
        tampered[at] ^= 0x01;
        storePayload(user, tampered);
        try {
            JsonNode report = adminReplay();
            assertThat(report.get("ok").asBoolean()).isFalse();
            JsonNode link = brokenLinkOf(report, user);
            assertThat(link).as("broken link of " + user + " in " + report).isNotNull();
            assertThat(link.get("sequence").asLong()).isEqualTo(2);
            assertThat(link.get("expectedHash").asString()).hasSize(64)
                    .isNotEqualTo(link.get("foundHash").asString());
            assertThat(link.get("foundHash").asString()).hasSize(64);

            // The command line's work: progress bar on stderr, the table on stdout, JSON to --report, exit code 1.
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.nio.file.Path file = java.nio.file.Files.createTempFile("replay-report", ".json");
            assertThat(ReplayCommand.execute(replay, null, file, new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true))).isEqualTo(1);
            assertThat(out.toString()).contains("FAILED").contains("Broken hash chains").contains(user);
            assertThat(err.toString()).contains("100%").contains("events");
            JsonNode written = tools.jackson.databind.json.JsonMapper.builder().build().readTree(file.toFile());
            assertThat(written.get("ok").asBoolean()).isFalse();
            assertThat(brokenLinkOf(written, user)).isNotNull();
            java.nio.file.Files.delete(file);
        } finally {
            storePayload(user, original);
        }
        assertThat(brokenLinkOf(adminReplay(), user)).isNull();

        // The event store alone (no topic) names the same link.
        storePayload(user, tampered);
        try {
            ReplayReport storeOnly = replay.run(ReplayProperties.Source.EVENT_STORE, read -> { });
            assertThat(storeOnly.source()).isEqualTo(ReplayReport.EVENT_STORE);
            assertThat(storeOnly.brokenLinks()).extracting(ReplayReport.BrokenLink::userId,
                    ReplayReport.BrokenLink::source, ReplayReport.BrokenLink::sequence)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(user, ReplayReport.EVENT_STORE, 2L));
        } finally {
            storePayload(user, original);
        }
    }

    @Test
    @Order(2)
    void aChangeToTheLastEventOfAnAccountIsCaughtByTheJournalTopicNotByTheStoreAlone() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "last-one", "grantId": "g1"}""").status()).isEqualTo(201);
        awaitPublished(user, 2);
        byte[] original = payloadOf(user, 1);
        byte[] tampered = original.clone();
        int at = new String(original, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("last-one");
        tampered[at] ^= 0x01;
        assertThat(jdbc.update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = 1",
                tampered, user)).isEqualTo(1);
        try {
            // No later event links to it, and the money is the same: the event store alone cannot tell.
            assertThat(replay.run(ReplayProperties.Source.EVENT_STORE, read -> { }).ok()).isTrue();
            // The topic holds the event as it was stored first: the two journals end on different hashes.
            ReplayReport report = replay.run(read -> { });
            assertThat(report.ok()).isFalse();
            assertThat(report.brokenLinks()).isEmpty();
            assertThat(report.discrepancies()).extracting(ReplayReport.Discrepancy::userId, ReplayReport.Discrepancy::field)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(user, "journal head hash"));
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = 1",
                    original, user);
        }
        assertThat(replay.run(read -> { }).ok()).isTrue();
    }

    @Test
    @Order(3)
    void theCommandLineReplaysTheTopicInItsOwnProcessAndExitsZeroWhenEverythingAgrees() {
        // `java -jar ledger-service.jar replay --verify`, in its own Spring context against the same PostgreSQL and Kafka.
        String[] args = {"replay", "--verify",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--spring.data.redis.url=" + environment.getProperty("spring.data.redis.url")};
        Long auditedBefore = jdbc.queryForObject("SELECT count(*) FROM replay_audit", Long.class);
        assertThat(ReplayCommand.run(io.creditgate.ledger.LedgerApplication.class, args, false)).isZero();
        assertThat(ReplayCommand.run(io.creditgate.ledger.LedgerApplication.class, java.util.stream.Stream.concat(
                java.util.Arrays.stream(args), java.util.stream.Stream.of("--source=event-store")).toArray(String[]::new), false))
                .isZero();
        // Both runs are in the audit log, named by the operating-system account that ran them.
        assertThat(jdbc.queryForList("SELECT actor, source, result FROM replay_audit ORDER BY id DESC LIMIT 2"))
                .hasSize(2).allSatisfy(run -> {
                    assertThat(run.get("actor")).isEqualTo(ReplayCommand.commandLineActor());
                    assertThat(run.get("result")).isEqualTo("OK");
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM replay_audit", Long.class)).isEqualTo(auditedBefore + 2);
    }

    @Test
    @Order(4)
    void aJournalPublishedTwiceFromTheStartIsReadOnceAndStillAgrees() throws Exception {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "twice", "grantId": "g1"}""").status()).isEqualTo(201);
        // As after a crash between the acknowledgements and the token, for every batch at once: the publisher's tokens
        // are gone, so it starts from the first event again and sends everything a second time.
        long events = replay.countEvents();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertThat(meters.get("ledger.journal.published").counter().count()).isGreaterThanOrEqualTo(events));
        StreamingEventProcessor publisher = projections().processor("ledger-journal-publisher");
        publisher.shutdownAsync().get(30, TimeUnit.SECONDS);
        assertThat(jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", "ledger-journal-publisher")).isPositive();
        publisher.start();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertThat(meters.get("ledger.journal.published").counter().count()).isGreaterThanOrEqualTo(2.0 * events));

        ReplayReport report = replay.run(read -> { });
        assertThat(report.brokenLinks()).isEmpty();
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.events()).isEqualTo(events);
        assertThat(report.repeatedEntries()).isGreaterThanOrEqualTo(events);
        assertThat(report.table()).contains("published twice");
    }

    @Test
    @Order(6)
    void aJournalTopicThatCannotBeReadIsAClearErrorNotAPass() {
        org.springframework.boot.kafka.autoconfigure.KafkaProperties unreachable =
                new org.springframework.boot.kafka.autoconfigure.KafkaProperties();
        unreachable.setBootstrapServers(List.of("127.0.0.1:1"));
        unreachable.getProperties().put("default.api.timeout.ms", "2000");
        JournalTopic topic = new JournalTopic(unreachable, java.time.Duration.ZERO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> topic.read(
                        new StoredJournal.Cut(Map.of("someone", 3L), 10), entry -> { }))
                .isInstanceOf(ReplayUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageContaining("creditgate.ledger-journal");
    }

    @Test
    @Order(5)
    void aReplayOfOneHundredThousandMixedEventsReproducesEveryBalanceExactlyAndNamesADifference() throws Exception {
        projections().pause();
        try {
            JournalGenerator generator = new JournalGenerator(42, STARTING_CREDITS);
            Map<String, Integer> types = new HashMap<>();
            List<JournalGenerator.Account> batch = new ArrayList<>();
            TransactionTemplate tx = new TransactionTemplate(transactions);
            String run = "vol-" + System.nanoTime() + "-";
            long written = 0;
            long writeStart = System.nanoTime();
            for (int i = 0; i < ACCOUNTS; i++) {
                JournalGenerator.Account account = generator.account(run + i, EVENTS_PER_ACCOUNT,
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
                account.events().forEach(event -> types.merge(event.getPayloadType().getSimpleName(), 1, Integer::sum));
                batch.add(account);
                written += account.events().size();
                if (batch.size() == BATCH_ACCOUNTS || i == ACCOUNTS - 1) {
                    List<JournalGenerator.Account> chunk = List.copyOf(batch);
                    tx.executeWithoutResult(status -> GeneratedJournals.store(jdbc, storageEngine, chunk));
                    batch.clear();
                }
            }
            System.out.printf("audit replay volume test: wrote %,d events in %,d ms, by type %s%n", written,
                    (System.nanoTime() - writeStart) / 1_000_000, types);
            assertThat(written).isGreaterThanOrEqualTo(100_000);
            assertThat(types.keySet()).contains("UsageCharged", "CreditsGranted", "PurchaseGranted", "PurchaseRefunded",
                    "GrantExpired", "PlanAssigned", "AllowanceRenewed", "PurchaseDisputed", "PurchaseDisputeClosed",
                    "SubscriptionEnded");

            long[] lastProgress = {0};
            ReplayReport report = replay.run(read -> lastProgress[0] = read);
            System.out.printf("audit replay volume test: replayed %,d events of %,d accounts in %,d ms = %,d events/s%n",
                    report.events(), report.accounts(), report.durationMillis(), report.eventsPerSecond());

            assertThat(report.brokenLinks()).isEmpty();
            assertThat(report.discrepancies()).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.events()).isGreaterThanOrEqualTo(written).isEqualTo(lastProgress[0]);
            assertThat(report.accounts()).isGreaterThanOrEqualTo(ACCOUNTS);

            // The plan accounts crossed many cycle boundaries: renewals are a real part of the mix.
            assertThat(types.get("AllowanceRenewed")).isGreaterThan(1_000);

            // One figure off by one credit in the ledger is a discrepancy naming the account and the field.
            String victim = run + 7;
            jdbc.update("UPDATE account SET balance_credits = balance_credits + 1 WHERE user_id = ?", victim);
            try {
                assertThat(replay.run(read -> { }).discrepancies()).extracting(ReplayReport.Discrepancy::userId,
                        ReplayReport.Discrepancy::field).containsExactly(org.assertj.core.groups.Tuple.tuple(victim,
                        "balanceCredits"));
            } finally {
                jdbc.update("UPDATE account SET balance_credits = balance_credits - 1 WHERE user_id = ?", victim);
            }
        } finally {
            projections().resumeAtHead();
        }
    }

    private Projections projections() {
        return new Projections(processing);
    }

    /** The tamper tests change the event store after publication, as an attacker would: the topic keeps the original. */
    private static void awaitPublished(String user, int events) {
        recordsOf(io.creditgate.schemas.Topics.LEDGER_JOURNAL, user, events);
    }

    private byte[] payloadOf(String user, long sequence) {
        return jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?",
                byte[].class, user, sequence);
    }

    private void storePayload(String user, byte[] payload) {
        assertThat(jdbc.update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = 1",
                payload, user)).isEqualTo(1);
    }

    private JsonNode adminReplay() {
        Response response = postJson("/api/admin/replay", "", "Bearer " + ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode brokenLinkOf(JsonNode report, String user) {
        for (JsonNode link : report.get("brokenLinks")) {
            if (link.get("userId").asString().equals(user)) {
                return link;
            }
        }
        return null;
    }
}
