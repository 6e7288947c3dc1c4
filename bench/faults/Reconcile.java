import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.Topic;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault suite's reconciliation (bench/faults.sh runs it once everything has drained). Per user it lines up
 * the client's own log (calls.tsv), the {@code UsageRecorded} events on the usage topic, the ledger's charges (its
 * event store, ledger-charges.tsv), the statement (the ledger's API), the balances in Redis (redis.txt) and the
 * thresholds on the alert topic with their notifications (notifications.tsv, deliveries.tsv), and reads the audit
 * replay's exit code. Prints the table the issue asks for and one line per check; exits 1 when any check fails.
 *
 * <p>{@code java -cp <platform-embedded classpath> Reconcile.java --work DIR --bootstrap HOST:PORT --ledger URL
 * --admin-key KEY --users N --starting-credits C}
 */
public final class Reconcile {

    private static final long[] UTILISATION_THRESHOLDS = {5000, 8000, 10000};
    /** The alert service's Threshold.USED_UP_BELOW_CREDITS: below this balance a spent cycle counts as used up (100 %). */
    private static final long USED_UP_BELOW_CREDITS = 100;

    record Attempt(int call, int attempt, String user, String gateway, String mode, int status, String requestId,
                   boolean stream, boolean complete, String error, long startMs, long endMs) {

        /** An answer the person got in full (or a stream the gateway itself ended with an error event). */
        boolean answered() {
            return status == 200 && (complete || gatewayErrorEvent());
        }

        /** The error column holds either the gateway's error code (credits_exhausted) or the client's exception. */
        boolean gatewayErrorEvent() {
            return !error.equals("-") && !error.startsWith("client:") && !error.endsWith("Exception")
                    && !error.equals("io") && !error.equals("interrupted");
        }

        boolean cutOff() {
            return status == 200 && !answered();
        }
    }

    record Usage(String eventId, String userId, String requestId, long costCredits, String outcome) {
    }

    record Check(String name, long bad, String detail) {
    }

    private final Path work;
    private final String bootstrap;
    private final String ledgerUrl;
    private final String adminKey;
    private final int users;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Check> checks = new ArrayList<>();
    private final long startingCredits;
    private int unreadable;

    private Reconcile(Map<String, String> options) {
        this.work = Path.of(options.get("--work"));
        this.bootstrap = options.get("--bootstrap");
        this.ledgerUrl = options.get("--ledger");
        this.adminKey = options.get("--admin-key");
        this.users = Integer.parseInt(options.get("--users"));
        this.startingCredits = Long.parseLong(options.get("--starting-credits"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        System.exit(new Reconcile(options).run() ? 0 : 1);
    }

    static String userId(int user) {
        return String.format("fault-user-%04d", user);
    }

    private boolean run() throws Exception {
        List<Attempt> attempts = readAttempts();
        List<Usage> usage = new ArrayList<>();
        readTopic(Topics.USAGE_EVENTS, record -> {
            UsageRecorded event = (UsageRecorded) record;
            usage.add(new Usage(event.getEventId().toString(), event.getUserId().toString(),
                    event.getRequestId().toString(), event.getCostCredits(), event.getOutcome().toString()));
        });
        int[] deadLetters = {0};
        readTopic(Topics.USAGE_DEAD_LETTER, record -> deadLetters[0]++);
        List<ThresholdCrossed> crossings = new ArrayList<>();
        readTopic(Topics.ALERT_EVENTS, record -> {
            if (record instanceof ThresholdCrossed crossed) {
                crossings.add(crossed);
            }
        });

        Map<String, List<Usage>> usageByRequest = new HashMap<>();
        Map<String, Usage> usageByEvent = new LinkedHashMap<>();
        int topicRepeats = 0;
        for (Usage u : usage) {
            if (usageByEvent.putIfAbsent(u.eventId(), u) != null) {
                topicRepeats++;
                continue;
            }
            usageByRequest.computeIfAbsent(u.requestId(), k -> new ArrayList<>()).add(u);
        }

        printFaults();
        Totals totals = checkCalls(attempts, usageByRequest, topicRepeats);
        checkLedger(usageByEvent, deadLetters[0]);
        Map<String, JsonNode> accounts = readAccounts();
        checkStatements(usageByEvent, accounts);
        checkRedis(accounts);
        checkThresholds(crossings, accounts);
        checkReplay();
        check("records on the usage and alert topics that do not decode", unreadable, "");
        printTable(totals);
        return checks.stream().allMatch(check -> check.bad() == 0);
    }

    // ---- the client's log against the usage topic ----------------------------------------------------------------

    record ModeTotals(long attempts, long answered, long refused402, long refused503, long cutOff, long noAnswer,
                      long otherErrors, long callsAnswered, long calls) {
    }

    record Totals(long calls, long attempts, long answered, long lost, long doubleCounted, Map<String, ModeTotals> modes) {
    }

    private Totals checkCalls(List<Attempt> attempts, Map<String, List<Usage>> usageByRequest, int topicRepeats) {
        long lost = 0;
        long doubleCounted = 0;
        long refusedCharged = 0;
        long cutCharged = 0;
        long cutUncharged = 0;
        long cutTwice = 0;
        List<String> lostExamples = new ArrayList<>();
        Set<String> seenRequests = new HashSet<>();
        for (Attempt a : attempts) {
            seenRequests.add(a.requestId());
            List<Usage> recorded = usageByRequest.getOrDefault(a.requestId(), List.of());
            if (recorded.size() > 1) {
                doubleCounted += recorded.size() - 1;
            }
            if (a.answered() && recorded.isEmpty()) {
                lost++;
                if (lostExamples.size() < 3) {
                    lostExamples.add(a.user() + " " + a.requestId() + " via " + a.gateway() + " at " + a.endMs());
                }
            } else if (a.cutOff()) {
                if (recorded.isEmpty()) {
                    cutUncharged++;
                } else if (recorded.size() == 1) {
                    cutCharged++;
                } else {
                    cutTwice++;
                }
            } else if (a.status() != 200 && recorded.stream().anyMatch(u -> u.costCredits() > 0)) {
                refusedCharged++;
            }
        }
        long unseen = usageByRequest.keySet().stream().filter(id -> !seenRequests.contains(id)).count();
        check("lost: answered 200 without UsageRecorded", lost, String.join("; ", lostExamples));
        check("double-counted: one request with several UsageRecorded", doubleCounted, "");
        check("refused (non-200) but charged", refusedCharged, "");
        check("cut-off call charged twice", cutTwice, cutCharged + " cut-off calls charged once, " + cutUncharged
                + " not at all (both allowed)");
        info("usage topic: repeated records of one eventId (folded once by the ledger)", topicRepeats);
        info("UsageRecorded of requests the client never saw answered (no headers before the cut)", unseen);

        Map<String, long[]> byMode = new TreeMap<>();
        Map<Integer, Attempt> lastOfCall = new HashMap<>();
        for (Attempt a : attempts) {
            long[] m = byMode.computeIfAbsent(a.mode(), k -> new long[9]);
            m[0]++;
            if (a.answered()) {
                m[1]++;
            } else if (a.status() == 402) {
                m[2]++;
            } else if (a.status() == 503) {
                m[3]++;
            } else if (a.cutOff()) {
                m[4]++;
            } else if (a.status() == 0) {
                m[5]++;
            } else {
                m[6]++;
            }
            lastOfCall.merge(a.call(), a, (x, y) -> x.attempt() > y.attempt() ? x : y);
        }
        // Per call (after the person's one retry), counted in the mode of the gateway the call first went to.
        Map<Integer, String> firstMode = new HashMap<>();
        attempts.stream().filter(a -> a.attempt() == 1).forEach(a -> firstMode.put(a.call(), a.mode()));
        for (Map.Entry<Integer, Attempt> e : lastOfCall.entrySet()) {
            long[] m = byMode.get(firstMode.getOrDefault(e.getKey(), e.getValue().mode()));
            m[8]++;
            if (e.getValue().answered() || e.getValue().status() == 402) {
                m[7]++;
            }
        }
        Map<String, ModeTotals> modes = new LinkedHashMap<>();
        byMode.forEach((mode, m) -> modes.put(mode, new ModeTotals(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8])));
        long answered = attempts.stream().filter(Attempt::answered).count();
        return new Totals(lastOfCall.size(), attempts.size(), answered, lost, doubleCounted, modes);
    }

    // ---- the usage topic against the ledger's event store ---------------------------------------------------------

    private void checkLedger(Map<String, Usage> usageByEvent, int deadLetters) throws IOException {
        Map<String, Integer> charged = new HashMap<>();
        for (String line : Files.readAllLines(work.resolve("ledger-charges.tsv"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            charged.merge(f[1], 1, Integer::sum);
        }
        long chargedTwice = charged.values().stream().filter(n -> n > 1).count();
        long notCharged = usageByEvent.keySet().stream().filter(id -> !charged.containsKey(id)).count();
        long chargedWithoutEvent = charged.keySet().stream().filter(id -> !usageByEvent.containsKey(id)).count();
        check("UsageRecorded not charged by the ledger", notCharged, deadLetters + " usage dead letters");
        check("ledger charged one eventId twice", chargedTwice, "");
        check("ledger charge without a UsageRecorded", chargedWithoutEvent, "");
        info("UsageRecorded events (distinct eventIds)", usageByEvent.size());
        info("ledger UsageCharged events", charged.values().stream().mapToLong(Integer::longValue).sum());
    }

    // ---- the ledger's statement (API) --------------------------------------------------------------------------

    private Map<String, JsonNode> readAccounts() throws Exception {
        Map<String, JsonNode> accounts = new HashMap<>();
        for (int i = 0; i < users; i++) {
            String user = userId(i);
            HttpResponse<String> response = get("/api/accounts/" + user);
            if (response.statusCode() == 200) {
                accounts.put(user, json.readTree(response.body()));
            }
        }
        return accounts;
    }

    private void checkStatements(Map<String, Usage> usageByEvent, Map<String, JsonNode> accounts) throws Exception {
        Map<String, Set<String>> recordedByUser = new HashMap<>();
        Map<String, Long> costByUser = new HashMap<>();
        usageByEvent.values().forEach(u -> {
            recordedByUser.computeIfAbsent(u.userId(), k -> new HashSet<>()).add(u.eventId());
            costByUser.merge(u.userId(), u.costCredits(), Long::sum);
        });
        long usersOff = 0;
        long linesOff = 0;
        long balancesOff = 0;
        List<String> examples = new ArrayList<>();
        for (String user : accounts.keySet()) {
            HttpResponse<String> response = get("/api/accounts/" + user + "/transactions?type=USAGE&format=csv");
            List<List<String>> rows = csv(response.body());
            if (response.statusCode() != 200 || rows.isEmpty()) {
                usersOff++;
                examples.add(user + ": statement answered " + response.statusCode());
                continue;
            }
            int eventColumn = rows.get(0).indexOf("eventId");
            int amountColumn = rows.get(0).indexOf("amountCredits");
            Set<String> lines = new HashSet<>();
            long amount = 0;
            for (List<String> row : rows.subList(1, rows.size())) {
                if (!lines.add(row.get(eventColumn))) {
                    linesOff++;
                }
                amount += Long.parseLong(row.get(amountColumn));
            }
            Set<String> recorded = recordedByUser.getOrDefault(user, Set.of());
            long cost = costByUser.getOrDefault(user, 0L);
            if (!lines.equals(recorded) || amount != -cost) {
                usersOff++;
                if (examples.size() < 3) {
                    examples.add(user + ": statement " + lines.size() + " lines " + amount + " credits, topic "
                            + recorded.size() + " events " + cost + " credits");
                }
            }
            long balance = accounts.get(user).path("balanceCredits").asLong();
            if (balance != startingCredits + amount) {
                balancesOff++;
                if (examples.size() < 5) {
                    examples.add(user + ": balance " + balance + ", starting credits + statement " + (startingCredits + amount));
                }
            }
        }
        long recordedUsersWithoutAccount = recordedByUser.keySet().stream().filter(u -> !accounts.containsKey(u)).count();
        long overspent = accounts.values().stream().filter(a -> a.path("balanceCredits").asLong() < 0).count();
        long overspentCredits = accounts.values().stream().mapToLong(a -> Math.min(0, a.path("balanceCredits").asLong())).sum();
        // Not a check: the design allows one call's overshoot; a large sum shows admission that forgot the balance.
        info("users overspent (ledger balance below 0); credits below 0 in all: " + -overspentCredits, overspent);
        check("users whose statement differs from their UsageRecorded", usersOff + recordedUsersWithoutAccount,
                String.join("; ", examples));
        check("statement lines repeated", linesOff, "");
        check("ledger balance differs from starting credits + statement", balancesOff, "");
    }

    // ---- Redis against the ledger ------------------------------------------------------------------------------

    private void checkRedis(Map<String, JsonNode> accounts) throws IOException {
        List<String> lines = Files.readAllLines(work.resolve("redis.txt"));
        long differs = 0;
        long missing = 0;
        long leftBehind = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String user = userId(i);
            String balance = lines.get(i * 4);
            long pendingEntries = parseLong(lines.get(i * 4 + 1));
            long pendingTotal = parseLong(lines.get(i * 4 + 2));
            long inFlight = parseLong(lines.get(i * 4 + 3));
            if (pendingEntries != 0 || pendingTotal != 0 || inFlight != 0) {
                leftBehind++;
                if (examples.size() < 3) {
                    examples.add(user + ": " + pendingEntries + " pending entries, total " + pendingTotal + ", "
                            + inFlight + " in flight");
                }
            }
            JsonNode account = accounts.get(user);
            if (account == null) {
                continue;
            }
            if (balance.isEmpty()) {
                missing++;
            } else if (Long.parseLong(balance) != account.path("balanceCredits").asLong()) {
                differs++;
                if (examples.size() < 6) {
                    examples.add(user + ": Redis " + balance + ", ledger " + account.path("balanceCredits").asLong());
                }
            }
        }
        check("Redis balance differs from the ledger", differs, String.join("; ", examples));
        check("Redis holds no balance for a ledger account", missing, "");
        check("reservations or pending charges left behind in Redis", leftBehind, "");
    }

    private static long parseLong(String text) {
        return text == null || text.isBlank() ? 0 : Long.parseLong(text.strip());
    }

    // ---- thresholds on the alert topic and their notifications ---------------------------------------------------

    private void checkThresholds(List<ThresholdCrossed> crossings, Map<String, JsonNode> accounts) throws IOException {
        Map<String, Set<String>> idsByThreshold = new HashMap<>();
        Map<String, String> thresholdOfEvent = new HashMap<>();
        Set<String> mostSevere = new HashSet<>();
        for (ThresholdCrossed c : crossings) {
            if (!"UTILISATION".equals(c.getThresholdKind().toString())) {
                continue;
            }
            String key = c.getUserId() + "|" + c.getCycleStartedAt() + "|" + c.getThresholdValue();
            idsByThreshold.computeIfAbsent(key, k -> new HashSet<>()).add(c.getEventId().toString());
            thresholdOfEvent.put(c.getEventId().toString(), key);
            if (c.getMostSevere()) {
                mostSevere.add(c.getEventId().toString());
            }
        }
        long twice = idsByThreshold.values().stream().filter(ids -> ids.size() > 1).count();
        long missed = 0;
        long expected = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : accounts.entrySet()) {
            long utilisation = reachedBasisPoints(e.getValue());
            for (long threshold : UTILISATION_THRESHOLDS) {
                if (utilisation < threshold) {
                    continue;
                }
                expected++;
                String suffix = "|" + threshold;
                boolean crossed = idsByThreshold.keySet().stream()
                        .anyMatch(k -> k.startsWith(e.getKey() + "|") && k.endsWith(suffix));
                if (!crossed) {
                    missed++;
                    if (examples.size() < 3) {
                        examples.add(e.getKey() + " at " + utilisation + " bp: no " + threshold + " crossing");
                    }
                }
            }
        }
        Set<String> notified = new HashSet<>();
        for (String line : Files.readAllLines(work.resolve("notifications.tsv"))) {
            String[] f = line.split("\t");
            if (f.length > 1) {
                notified.add(f[1]);
            }
        }
        long notNotified = mostSevere.stream().filter(id -> !notified.contains(id)).count();
        Map<String, Integer> emailsSent = new HashMap<>();
        for (String line : Files.readAllLines(work.resolve("deliveries.tsv"))) {
            String[] f = line.split("\t");
            // The alert event id names a ThresholdCrossed of the topic (whatever the alert_type column spells).
            if (f.length > 4 && f[3].equals("EMAIL") && f[4].equals("SENT") && thresholdOfEvent.containsKey(f[1])) {
                emailsSent.merge(thresholdOfEvent.get(f[1]), 1, Integer::sum);
            }
        }
        long emailedTwice = emailsSent.values().stream().filter(n -> n > 1).count();
        // The other way round: no crossing of a threshold the account never reached (no grants or renewals in this
        // run, so the final balance is the lowest the cycle had).
        long notReached = 0;
        List<String> notReachedExamples = new ArrayList<>();
        for (String key : idsByThreshold.keySet()) {
            String[] k = key.split("\\|");
            JsonNode account = accounts.get(k[0]);
            long reached = account == null ? 0 : reachedBasisPoints(account);
            if (reached < Long.parseLong(k[2])) {
                notReached++;
                if (notReachedExamples.size() < 3) {
                    notReachedExamples.add(k[0] + " alerted at " + k[2] + " bp, reached " + reached);
                }
            }
        }
        check("threshold crossed (alerted) twice", twice, "");
        check("threshold reached by the ledger but never alerted", missed, String.join("; ", examples));
        check("most severe crossing without an in-app notification", notNotified, "");
        check("threshold emailed twice", emailedTwice, "");
        check("threshold alerted but never reached (the alert service's rule)", notReached,
                String.join("; ", notReachedExamples));
        info("thresholds reached (50/80/100 %, from the ledger)", expected);
        info("thresholds emailed (SENT)", emailsSent.size());
    }

    /**
     * The utilisation the alert service counts as reached: the ledger's, or 100 % once fewer than
     * {@link #USED_UP_BELOW_CREDITS} credits are left of a cycle that was spent from (the alert service's
     * {@code Threshold.USED_UP_BELOW_CREDITS}: the gateway caps the last answer to what is left, so spending stops
     * a few credits short of 100 %).
     */
    private static long reachedBasisPoints(JsonNode account) {
        long utilisation = account.path("utilisationBasisPoints").asLong();
        boolean usedUp = account.path("balanceCredits").asLong() < USED_UP_BELOW_CREDITS && utilisation > 0;
        return usedUp ? Math.max(utilisation, 10_000) : utilisation;
    }

    // ---- the audit replay ----------------------------------------------------------------------------------------

    private void checkReplay() throws IOException {
        int exit = Integer.parseInt(Files.readString(work.resolve("replay.exit")).strip());
        String summary = Files.readAllLines(work.resolve("replay.txt")).stream()
                .filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        check("replay --verify (exit code)", exit, summary);
    }

    // ---- output ----------------------------------------------------------------------------------------------

    private void printFaults() throws IOException {
        System.out.println("== faults injected");
        Path faults = work.resolve("faults.tsv");
        List<String> lines = Files.exists(faults) ? Files.readAllLines(faults) : List.of();
        for (String line : lines) {
            String[] f = line.split("\t");
            System.out.printf("  %-14s %s%n", f[0], f[3]);
        }
        System.out.printf("  %d faults%n", lines.size());
    }

    private void printTable(Totals t) {
        System.out.println("== calls");
        System.out.printf("  calls made %d (attempts %d, answered 200 %d), lost %d, double-counted %d%n",
                t.calls(), t.attempts(), t.answered(), t.lost(), t.doubleCounted());
        System.out.println("== availability per mode (attempts to the gateway of that mode; calls after one retry)");
        System.out.printf("  %-7s %8s %8s %6s %6s %6s %8s %6s %11s %11s%n", "mode", "attempts", "answered", "402",
                "503", "cut", "noAnswer", "other", "avail/att", "avail/call");
        t.modes().forEach((mode, m) -> System.out.printf("  %-7s %8d %8d %6d %6d %6d %8d %6d %10.2f%% %10.2f%%%n",
                mode, m.attempts(), m.answered(), m.refused402(), m.refused503(), m.cutOff(), m.noAnswer(),
                m.otherErrors(), percent(m.answered() + m.refused402(), m.attempts()),
                percent(m.callsAnswered(), m.calls())));
        System.out.println("== checks");
        for (Check c : checks) {
            System.out.printf("  %-4s %-62s %d%s%n", c.bad() == 0 ? "ok" : "FAIL", c.name(), c.bad(),
                    c.detail().isEmpty() ? "" : "  (" + c.detail() + ")");
        }
        long failed = checks.stream().filter(c -> c.bad() != 0).count();
        System.out.println(failed == 0 ? "RESULT: every check passed" : "RESULT: " + failed + " checks failed");
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 100.0 : part * 100.0 / whole;
    }

    private void check(String name, long bad, String detail) {
        checks.add(new Check(name, bad, detail));
    }

    private static void info(String name, long value) {
        System.out.printf("  info %-62s %d%n", name, value);
    }

    // ---- inputs ----------------------------------------------------------------------------------------------

    private List<Attempt> readAttempts() throws IOException {
        List<Attempt> attempts = new ArrayList<>();
        List<String> lines = Files.readAllLines(work.resolve("calls.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            attempts.add(new Attempt(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3], f[4],
                    Integer.parseInt(f[5]), f[6], Boolean.parseBoolean(f[7]), Boolean.parseBoolean(f[9]), f[10],
                    Long.parseLong(f[11]), Long.parseLong(f[12])));
        }
        return attempts;
    }

    /** Every record of the topic from offset 0 to its end now, decoded with the topic's codec. */
    private void readTopic(Topic topic, Consumer<SpecificRecord> each) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    SpecificRecord decoded;
                    try {
                        decoded = topic.codec().decode(record.value());
                    } catch (RuntimeException notOurs) {
                        unreadable++;
                        continue;
                    }
                    each.accept(decoded);
                }
            }
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(ledgerUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString().replace("\r", ""));
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
