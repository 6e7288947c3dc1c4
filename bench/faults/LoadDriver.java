import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * LibreChat-shaped chat load for the fault suite (bench/faults.sh), with nothing but the JDK:
 * {@code java bench/faults/LoadDriver.java <options>}.
 *
 * <p>Each call is what LibreChat sends through a custom endpoint: the service key as the bearer, the person in
 * {@code X-User-Id}/{@code X-User-Email}, the same id in the body's {@code user}; most calls stream (some asking for
 * the usage chunk, as LibreChat may, most not), some do not (title calls). Users come in three tiers of appetite so
 * that the heavy ones run out of credits (402), the middle ones cross 80 %, the light ones neither. A call whose
 * answer is cut off (the gateway died, the connection broke) or that found no gateway is tried once more, like a
 * person pressing "regenerate"; a 402 or 503 is an answer and is not retried. The retry goes to another gateway than
 * the one that failed, as a load balancer with passive health checks sends it (nginx's {@code proxy_next_upstream},
 * a Kubernetes Service whose dead pod left its endpoints): the first attempt's gateway is picked at random.
 *
 * <p>One line per attempt goes to the log (tab-separated, header first): the reconciler's "client's own log".
 */
public final class LoadDriver {

    private static final String HEADER = "call\tattempt\tuser\tgateway\tmode\tstatus\trequestId\tstream\tusageChunk"
            + "\tcomplete\terror\tstartMs\tendMs";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    record Gateway(String label, String mode, String url) {
    }

    record Settings(List<Gateway> gateways, String serviceKey, int users, int calls, double callsPerSecond,
                    int concurrency, Path log, String model, long seed, Path stopFile) {

        static Settings parse(String[] args) {
            List<Gateway> gateways = new ArrayList<>();
            String key = null;
            int users = 400;
            int calls = 4000;
            double rate = 10;
            int concurrency = 32;
            Path log = Path.of("calls.tsv");
            String model = "gpt-4o";
            long seed = 42;
            Path stop = null;
            for (int i = 0; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    // label=mode=url, e.g. gw1=open=http://127.0.0.1:28080
                    case "--gateway" -> {
                        String[] parts = value.split("=", 3);
                        gateways.add(new Gateway(parts[0], parts[1], parts[2]));
                    }
                    case "--service-key" -> key = value;
                    case "--users" -> users = Integer.parseInt(value);
                    case "--calls" -> calls = Integer.parseInt(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--log" -> log = Path.of(value);
                    case "--model" -> model = value;
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--stop-file" -> stop = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (gateways.isEmpty() || key == null || users < 10 || calls < 1 || rate <= 0 || concurrency < 1) {
                throw new IllegalArgumentException("need --gateway (one or more), --service-key, --users >= 10, "
                        + "--calls >= 1, --rate > 0, --concurrency >= 1");
            }
            return new Settings(List.copyOf(gateways), key, users, calls, rate, concurrency, log, model, seed, stop);
        }
    }

    /** What one attempt saw. status 0: no HTTP answer at all (refused, reset before the headers, timeout). */
    record Outcome(int status, String requestId, boolean complete, String error) {

        /**
         * Cut off or no answer: a person would try again. A stream the gateway itself ended with an error event (the
         * credits ran out mid-answer) is an answer, not a cut.
         */
        boolean worthRetrying() {
            boolean gatewayEndedIt = !error.equals("-") && !error.startsWith("client:");
            return status == 0 || (status == 200 && !complete && !gatewayEndedIt) || status == 502 || status == 504;
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final BufferedWriter log;
    private final int[] userByWeight;
    /** One lock per user: a person waits for an answer before asking again (one conversation at a time). */
    private final Object[] personLocks;
    private final AtomicInteger nextCall = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final long startNanos = System.nanoTime();

    private LoadDriver(Settings settings) throws IOException {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        this.log = Files.newBufferedWriter(settings.log(), StandardCharsets.UTF_8);
        this.log.write(HEADER);
        this.log.newLine();
        this.userByWeight = weightedUsers(settings.users());
        this.personLocks = new Object[settings.users()];
        for (int i = 0; i < personLocks.length; i++) {
            personLocks[i] = new Object();
        }
    }

    /**
     * Users 0..n-1 in three tiers: the first 10 % call eight times as often as the light ones (they run out), the
     * next 20 % three times (they cross 80 %), the rest once. The array holds each user once per unit of weight.
     */
    static int[] weightedUsers(int users) {
        List<Integer> slots = new ArrayList<>();
        for (int user = 0; user < users; user++) {
            int weight = user < users / 10 ? 8 : user < users * 3 / 10 ? 3 : 1;
            for (int i = 0; i < weight; i++) {
                slots.add(user);
            }
        }
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    static String userId(int user) {
        return String.format("fault-user-%04d", user);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        LoadDriver driver = new LoadDriver(settings);
        driver.run();
    }

    private void run() throws InterruptedException, IOException {
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency());
        for (int i = 0; i < settings.concurrency(); i++) {
            workers.submit(this::work);
        }
        Thread progress = new Thread(this::reportProgress, "progress");
        progress.setDaemon(true);
        progress.start();
        workers.shutdown();
        workers.awaitTermination(7, TimeUnit.DAYS);
        synchronized (log) {
            log.close();
        }
        System.out.printf("load: %d calls done in %.0f s%n", done.get(), (System.nanoTime() - startNanos) / 1e9);
    }

    private void reportProgress() {
        while (true) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                return;
            }
            System.out.printf("load: %d/%d calls after %.0f s%n", done.get(), settings.calls(),
                    (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /** Takes the next call while any is left, at the configured pace (a fixed schedule, not as fast as answers come). */
    private void work() {
        try {
            for (int call = nextCall.getAndIncrement(); call < settings.calls() && !stopRequested();
                 call = nextCall.getAndIncrement()) {
                long dueNanos = startNanos + (long) (call * 1e9 / settings.callsPerSecond());
                long waitNanos = dueNanos - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
                makeCall(call);
                done.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private boolean stopRequested() {
        return settings.stopFile() != null && Files.exists(settings.stopFile());
    }

    /** One logical call: an attempt, and a second one if the first was cut off or found no gateway. */
    private void makeCall(int call) {
        Random random = new Random(settings.seed() * 1_000_003L + call);
        int person = userByWeight[random.nextInt(userByWeight.length)];
        synchronized (personLocks[person]) {
            converse(call, userId(person), random);
        }
    }

    private void converse(int call, String user, Random random) {
        boolean stream = random.nextInt(10) < 7;
        boolean usageChunk = stream && random.nextInt(3) == 0;
        String body = body(user, call, stream, usageChunk);
        int gateways = settings.gateways().size();
        int first = random.nextInt(gateways);
        for (int attempt = 1; attempt <= 2; attempt++) {
            // The retry: the next gateway after the one that failed (the same one when there is only one).
            Gateway gateway = settings.gateways().get((first + attempt - 1) % gateways);
            long start = System.currentTimeMillis();
            Outcome outcome = attempt(gateway, user, body, stream);
            long end = System.currentTimeMillis();
            write(String.join("\t", Integer.toString(call), Integer.toString(attempt), user, gateway.label(),
                    gateway.mode(), Integer.toString(outcome.status()), outcome.requestId(), Boolean.toString(stream),
                    Boolean.toString(usageChunk), Boolean.toString(outcome.complete()), outcome.error(),
                    Long.toString(start), Long.toString(end)));
            if (!outcome.worthRetrying()) {
                return;
            }
        }
    }

    private String body(String user, int call, boolean stream, boolean usageChunk) {
        String question = "Question " + call + " from " + user + ": how do I keep a budget for my team's chat use?";
        StringBuilder body = new StringBuilder()
                .append("{\"model\":\"").append(settings.model()).append("\",")
                .append("\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},")
                .append("{\"role\":\"user\",\"content\":\"").append(question).append("\"}],")
                .append("\"user\":\"").append(user).append("\"");
        if (stream) {
            body.append(",\"stream\":true");
            if (usageChunk) {
                body.append(",\"stream_options\":{\"include_usage\":true}");
            }
        }
        return body.append('}').toString();
    }

    private Outcome attempt(Gateway gateway, String user, String body, boolean stream) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/chat/completions"))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + settings.serviceKey())
                .header("Content-Type", "application/json")
                .header("X-User-Id", user)
                .header("X-User-Email", user + "@faults.example")
                .header("X-User-Role", "USER")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            return new Outcome(0, "-", false, errorName(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "-", false, "client:interrupted");
        }
        String requestId = response.headers().firstValue("X-Request-Id").orElse("-");
        try (Stream<String> lines = response.body()) {
            BodyResult result = read(lines.iterator(), stream);
            return new Outcome(response.statusCode(), requestId, result.complete(), result.error());
        } catch (UncheckedIOException e) {
            return new Outcome(response.statusCode(), requestId, false, errorName(e.getCause()));
        }
    }

    record BodyResult(boolean complete, String error) {
    }

    /**
     * Reads the whole answer. A stream is complete at {@code data: [DONE]}; an error event inside it (the gateway's
     * mid-stream refusal) is noted by its code. A non-streamed answer is complete when its JSON was read whole.
     */
    private static BodyResult read(Iterator<String> lines, boolean stream) {
        StringBuilder all = new StringBuilder();
        String error = "-";
        boolean done = false;
        while (lines.hasNext()) {
            String line = lines.next();
            if (stream) {
                if (line.equals("data: [DONE]")) {
                    done = true;
                } else if (line.startsWith("data: {\"error\"") || line.startsWith("{\"error\"")) {
                    // The gateway's mid-stream stop, or a refusal answered as plain JSON before any stream began.
                    error = code(line);
                }
            } else {
                all.append(line);
            }
        }
        if (!stream) {
            String text = all.toString().strip();
            done = text.startsWith("{") && text.endsWith("}");
            if (text.startsWith("{\"error\"")) {
                error = code(text);
            }
        }
        return new BodyResult(done, error);
    }

    private static String code(String json) {
        int at = json.indexOf("\"code\":\"");
        if (at < 0) {
            return "error";
        }
        int from = at + 8;
        int to = json.indexOf('"', from);
        return to > from ? json.substring(from, to) : "error";
    }

    private static String errorName(Throwable e) {
        // Marked as the client's own, apart from the gateway's error codes in the same column.
        return "client:" + (e == null ? "io" : e.getClass().getSimpleName());
    }

    private void write(String line) {
        synchronized (log) {
            try {
                log.write(line);
                log.newLine();
                log.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
