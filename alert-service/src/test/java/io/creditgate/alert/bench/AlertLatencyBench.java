package io.creditgate.alert.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.creditgate.alert.AlertApplication;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountStatus;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Latency of the alert service under load: from the event that crosses a threshold (its occurredAt, stamped when
 * the load generator sends it) to the SMTP server's acceptance of the email (the delivery log's sent_at, written
 * after the server's 250 to DATA). Everything runs in this JVM on real parts: KRaft Kafka, PostgreSQL, GreenMail.
 *
 * <p>Load: {@code rate} usage events a second, each followed by the AccountBalanceChanged the ledger would publish
 * for it (so {@code 2 x rate} records a second into the topology), round robin over {@code users} users whose spend
 * grows by {@code cost} credits (of 1,000,000 a cycle) per event from a random start; a user at 100 % starts a new
 * cycle. Crossings per second are about {@code rate x 4 x cost / 1,000,000} (50, 80, low balance, 100 %).
 * Run with {@code bench/alerts.sh} ({@code RATE}, {@code USERS}, {@code COST}, {@code RUN_SECONDS} in the environment).
 */
public final class AlertLatencyBench {

    private static final long CYCLE_CREDITS = 1_000_000;
    /** Credits per usage event: 1,000 is 0.1 % of a cycle, so a user crosses a threshold every few hundred calls. */
    private static final long COST_CREDITS = Long.getLong("cost", 1_000);
    /** The first seconds of load (JIT, RocksDB, connection pools warming up) are not measured. */
    private static final int WARM_UP_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("rate", 1_000);
        int users = Integer.getInteger("users", 1_000);
        int seconds = Integer.getInteger("seconds", 60);
        LocalKafka kafka = LocalKafka.start();
        LocalPostgres postgres = LocalPostgres.start();
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        ConfigurableApplicationContext app = null;
        int exit = 1;
        try {
            // Command-line arguments outrank application.yml (builder properties would not).
            app = new SpringApplicationBuilder(AlertApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + postgres.createDatabase(),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(),
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + smtp.getSmtp().getPort(),
                    "--creditgate.alerts.detection.state-dir=" + Files.createTempDirectory("alert-bench-"),
                    "--logging.level.root=WARN");
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                ids.add("bench-" + i);
                jdbc.update("INSERT INTO contact (user_id, email, email_source, updated_at) VALUES (?, ?, 'USER', now())",
                        ids.get(i), "bench-" + i + "@example.com");
            }
            warmUp(kafka, jdbc);
            Users state = new Users(ids);
            prime(kafka, jdbc, state);
            Instant measuredFrom = Instant.now().plusSeconds(WARM_UP_SECONDS);
            long sent = generate(kafka, state, rate, seconds);
            System.out.printf("sent %d usage events and %d balance changes in %d s (%.0f usage events/s)%n", sent, sent, seconds,
                    sent / (double) seconds);
            report(jdbc, measuredFrom);
            exit = 0;
        } finally {
            if (app != null) {
                app.close();
            }
            smtp.stop();
            postgres.close();
            kafka.close();
        }
        // Kafka's and PostgreSQL's non-daemon threads would keep the JVM alive.
        System.exit(exit);
    }

    /** Each user's place in its cycle, shared by the priming and the measured load. */
    private static final class Users {
        final List<String> ids;
        final long[] spent;
        final long[] version;
        final Instant[] cycle;

        Users(List<String> ids) {
            this.ids = ids;
            this.spent = new long[ids.size()];
            this.version = new long[ids.size()];
            this.cycle = new Instant[ids.size()];
            Random random = new Random(42);
            Instant first = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < spent.length; i++) {
                // Users start anywhere in their cycle, so crossings come from the first second on.
                spent[i] = random.nextLong(CYCLE_CREDITS / COST_CREDITS) * COST_CREDITS;
                cycle[i] = first;
            }
        }
    }

    private static KafkaProducer<String, SpecificRecord> producer(LocalKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2),
                Topics.USAGE_EVENTS.keys().serializer(), AlertLatencyBench::encode);
    }

    /**
     * Tells the service where every user stands before the measured load: the first change of a user crosses every
     * threshold below its starting point at once, a burst of emails that says nothing about steady latency.
     */
    private static void prime(LocalKafka kafka, JdbcTemplate jdbc, Users users) throws InterruptedException {
        try (KafkaProducer<String, SpecificRecord> producer = producer(kafka)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int u = 0; u < users.ids.size(); u++) {
                producer.send(new ProducerRecord<>(Topics.ACCOUNT_EVENTS.name(), users.ids.get(u),
                        balance(users.ids.get(u), ++users.version[u], users.cycle[u], users.spent[u], now)));
            }
        }
        awaitQuiet(jdbc);
    }

    private static long generate(LocalKafka kafka, Users users, int rate, int seconds) throws InterruptedException {
        long[] spent = users.spent;
        long[] version = users.version;
        Instant[] cycle = users.cycle;
        AtomicLong count = new AtomicLong();
        try (KafkaProducer<String, SpecificRecord> producer = producer(kafka)) {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            int next = 0;
            while (System.nanoTime() < end) {
                // Send what the schedule says is due by now: a fixed rate, not "as fast as possible".
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                while (count.get() < due) {
                    int u = next++ % users.ids.size();
                    String user = users.ids.get(u);
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    // A user at 100 % starts a new cycle, so crossings keep coming for the whole run.
                    if (spent[u] >= CYCLE_CREDITS) {
                        spent[u] = 0;
                        cycle[u] = now;
                    }
                    spent[u] += COST_CREDITS;
                    producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), user, usage(user, now)));
                    producer.send(new ProducerRecord<>(Topics.ACCOUNT_EVENTS.name(), user,
                            balance(user, ++version[u], cycle[u], spent[u], now)));
                    count.incrementAndGet();
                }
                Thread.sleep(1);
            }
            producer.flush();
        }
        return count.get();
    }

    /** Waits until one crossing went all the way to an email: the topology runs and the listeners are assigned. */
    private static void warmUp(LocalKafka kafka, JdbcTemplate jdbc) throws InterruptedException {
        String user = "warm-up";
        jdbc.update("INSERT INTO contact (user_id, email, email_source, updated_at) VALUES (?, ?, 'USER', now())", user,
                "warm-up@example.com");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), Topics.ACCOUNT_EVENTS.keys().serializer(),
                Topics.ACCOUNT_EVENTS.values().serializer())) {
            producer.send(new ProducerRecord<>(Topics.ACCOUNT_EVENTS.name(), user, balance(user, 1, now, 900_000, now)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (jdbc.queryForObject("SELECT count(*) FROM delivery WHERE user_id = ? AND channel = 'EMAIL' AND status = 'SENT'",
                Long.class, user) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up alert was not delivered within 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static void report(JdbcTemplate jdbc, Instant measuredFrom) throws InterruptedException {
        awaitQuiet(jdbc);
        List<Long> latencies = latencies(jdbc, "sent_at - alert_occurred_at", measuredFrom);
        List<Long> planned = latencies(jdbc, "created_at - alert_occurred_at", measuredFrom);
        List<Long> sending = latencies(jdbc, "sent_at - created_at", measuredFrom);
        Map<String, Object> statuses = jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE status = 'SENT') AS sent, count(*) FILTER (WHERE status <> 'SENT') AS other
                FROM delivery WHERE channel = 'EMAIL'""");
        if (latencies.isEmpty()) {
            System.out.println("no email was sent");
            return;
        }
        System.out.printf("emails accepted: %d (other statuses: %s)%n", latencies.size(), statuses.get("other"));
        print("crossing event -> email accepted", latencies);
        print("  of which: crossing event -> delivery planned (topology, alert topic, listener)", planned);
        print("  of which: delivery planned -> email accepted (dispatcher, SMTP)", sending);
        print("  SMTP send alone", jdbc.queryForList("""
                SELECT a.duration_ms FROM delivery_attempt a JOIN delivery d USING (idempotency_key)
                WHERE d.channel = 'EMAIL' AND a.status = 'SENT' AND d.user_id LIKE 'bench-%' ORDER BY 1""", Long.class));
        // Stalls show as seconds whose worst latency stands out.
        jdbc.query("""
                SELECT date_trunc('second', alert_occurred_at) AS second, count(*) AS emails,
                       max((extract(epoch FROM sent_at - alert_occurred_at) * 1000)::bigint) AS worst
                FROM delivery WHERE channel = 'EMAIL' AND status = 'SENT' AND user_id LIKE 'bench-%' AND alert_occurred_at >= ?
                GROUP BY 1 ORDER BY 1""", rs -> {
            System.out.printf("  %s: %d emails, worst %d ms%n", rs.getTimestamp("second").toInstant(), rs.getLong("emails"),
                    rs.getLong("worst"));
        }, java.sql.Timestamp.from(measuredFrom));
    }

    /** Waits until no delivery is open and none was planned for two seconds in a row. */
    private static void awaitQuiet(JdbcTemplate jdbc) throws InterruptedException {
        long quiet = 0;
        long planned = -1;
        while (quiet < 2) {
            Thread.sleep(1_000);
            Long open = jdbc.queryForObject("SELECT count(*) FROM delivery WHERE status IN ('PENDING','RETRY','SENDING')", Long.class);
            Long all = jdbc.queryForObject("SELECT count(*) FROM delivery", Long.class);
            quiet = open == 0 && all == planned ? quiet + 1 : 0;
            planned = all;
        }
    }

    private static List<Long> latencies(JdbcTemplate jdbc, String interval, Instant measuredFrom) {
        return jdbc.queryForList("SELECT (extract(epoch FROM " + interval + ") * 1000)::bigint FROM delivery"
                + " WHERE channel = 'EMAIL' AND status = 'SENT' AND user_id LIKE 'bench-%' AND alert_occurred_at >= ? ORDER BY 1",
                Long.class, java.sql.Timestamp.from(measuredFrom));
    }

    private static void print(String what, List<Long> sorted) {
        System.out.printf("%s, ms: p50 %d, p90 %d, p99 %d, max %d (%d emails)%n", what, percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted.get(sorted.size() - 1), sorted.size());
    }

    /** One producer writes both topics; each topic's codec encodes its own events. */
    private static byte[] encode(String topic, SpecificRecord event) {
        return topic.equals(Topics.ACCOUNT_EVENTS.name()) ? Topics.ACCOUNT_EVENTS.codec().encode(event)
                : Topics.USAGE_EVENTS.codec().encode(event);
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static UsageRecorded usage(String user, Instant at) {
        String eventId = UUID.randomUUID().toString();
        return UsageRecorded.newBuilder().setEventId(eventId).setOccurredAt(at).setUserId(user).setUserEmail(user + "@example.com")
                .setModel("gpt-4o-mini").setPromptTokens(1_000).setCompletionTokens(200).setCostCredits(COST_CREDITS)
                .setUsageSource(UsageSource.EXACT).setStream(false).setOutcome(CallOutcome.COMPLETED).setRequestId("req-" + eventId)
                .setLatencyMs(300).build();
    }

    private static AccountBalanceChanged balance(String user, long version, Instant cycle, long spent, Instant at) {
        long balance = CYCLE_CREDITS - spent;
        return AccountBalanceChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setUserId(user)
                .setCauseEventId(UUID.randomUUID().toString()).setVersion(version).setBalanceCredits(balance)
                .setCycleCredits(CYCLE_CREDITS).setSpentCycleCredits(spent)
                .setStatus(balance > 0 ? AccountStatus.ACTIVE : AccountStatus.EXHAUSTED).setChangeType("USAGE")
                .setUtilisationBasisPoints(spent * 10_000 / CYCLE_CREDITS).setCycleStartedAt(cycle)
                .setCycleEndsAt(cycle.plus(Duration.ofDays(30))).setPlanId("bench").build();
    }

    private AlertLatencyBench() {
    }
}
