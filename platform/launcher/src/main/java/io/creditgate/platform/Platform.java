package io.creditgate.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.stripe.DemoStripe;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalMail;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.platform.embedded.LocalRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of Creditgate on one machine: the infrastructure in this JVM (a KRaft Kafka broker,
 * PostgreSQL and Redis from embedded binaries on free ports, or the external ones the usual
 * {@code SPRING_*} variables name), the demo upstream when no real one is configured, and each
 * service as a child process. {@link #close()} stops the services first, then the infrastructure.
 */
final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String LEDGER_DATABASE = "creditgate_ledger";
    /** The admin key the ledger shows the demo upstream's usage API (which takes any bearer key, like a test double). */
    static final String DEMO_ADMIN_KEY = "sk-admin-creditgate-demo";
    private static final String GATEWAY_DATABASE = "creditgate_gateway";
    private static final String ALERT_DATABASE = "creditgate_alerts";
    private static final String CONSOLE_DATABASE = "creditgate_console";
    private static final String PAYMENT_DATABASE = "creditgate_payment";
    /** Modest heaps: five JVMs share a small machine; the gateway needs little, the ledger a bit more. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx768m", "-XX:+ExitOnOutOfMemoryError");
    /**
     * For every service but the gateway: the client compiler only, and the serial collector. On two cores the C2
     * compiler's start-up work was half of the platform's CPU (measured: 63 CPU-seconds to the banner with the defaults,
     * 34 with C1 only); these services' work on one machine is small, so their peak speed matters less than the
     * minute a person waits. The gateway keeps both compilers: every chat call goes through it (docs/decisions.md 80).
     */
    private static final List<String> QUICK_START_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final String GATEWAY = "gateway-service";
    private static final List<String> SERVICES = List.of("console", "ledger-service", GATEWAY, "alert-service",
            "payment-service");

    private final PlatformSettings settings;
    private final StartupConsole console;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalKafka kafka;
    private LocalPostgres postgres;
    private LocalRedis redis;
    private DemoUpstream demo;
    private DemoStripe demoStripe;
    private String demoWebhookSecret;
    private LocalMail mail;
    private final Path workDir;
    private String ledgerJdbcUrl;
    private String gatewayJdbcUrl;
    private String alertJdbcUrl;
    private String consoleJdbcUrl;
    private String paymentJdbcUrl;
    private final Map<String, ServiceProcess> services = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean closed;

    private Platform(PlatformSettings settings, Path workDir, StartupConsole console) {
        this.settings = settings;
        this.workDir = workDir;
        this.console = console;
    }

    /** Everything, every service's output on this process's standard output as well as in its log file. */
    static Platform start(PlatformSettings settings) {
        return start(settings, true, workDirectory(settings), new StartupConsole(System.out, true));
    }

    /**
     * Starts the infrastructure, and the services too unless {@code withServices} is false, reporting each component
     * on the console as it becomes ready. {@code workDir} is {@link #workDirectory(PlatformSettings)}'s.
     */
    static Platform start(PlatformSettings settings, boolean withServices, Path workDir, StartupConsole console) {
        return create(settings, workDir, console).start(withServices);
    }

    /** A platform not started yet: {@link #close()} may be called at any time, also while {@link #start} runs. */
    static Platform create(PlatformSettings settings, Path workDir, StartupConsole console) {
        return new Platform(settings, workDir, console);
    }

    /** Starts the infrastructure, and the services too unless {@code withServices} is false; closes all on failure. */
    Platform start(boolean withServices) {
        try {
            startInfrastructure();
            if (withServices) {
                startServices();
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * PostgreSQL (initdb, then a database per service) and Kafka (format, start, the topics) are the slow parts and
     * need nothing from each other, so each starts in a thread of its own while this one starts the quick rest.
     */
    private void startInfrastructure() {
        CompletableFuture<Void> database = CompletableFuture.runAsync(() -> postgres = timed("PostgreSQL", () -> {
            LocalPostgres started = remember(settings.dataDir() == null || System.getenv("SPRING_DATASOURCE_URL") != null
                    ? LocalPostgres.start() : LocalPostgres.startEmbedded(settings.dataDir().resolve("postgres")));
            ledgerJdbcUrl = System.getenv("SPRING_DATASOURCE_URL") != null ? started.jdbcUrl() : started.createDatabase(LEDGER_DATABASE);
            gatewayJdbcUrl = started.createDatabase(GATEWAY_DATABASE);
            alertJdbcUrl = started.createDatabase(ALERT_DATABASE);
            consoleJdbcUrl = started.createDatabase(CONSOLE_DATABASE);
            paymentJdbcUrl = started.createDatabase(PAYMENT_DATABASE);
            return started;
        }), inThread("start-postgres"));
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> kafka = timed("Kafka", () -> remember(LocalKafka.start())),
                inThread("start-kafka"));
        try {
            redis = timed("Redis", () -> remember(LocalRedis.start()));
            if (settings.usesDemoUpstream()) {
                demo = timed("Demo upstream", () -> remember(DemoUpstream.start(DemoUpstream.Options.defaults()
                        .withEventDelay(Duration.ofMillis(settings.demoEventDelayMs())))));
            }
            if (System.getenv("SPRING_MAIL_HOST") == null) {
                mail = timed("Mail catcher", () -> remember(LocalMail.start(workDir.resolve("mail"))));
            }
            if (settings.usesDemoStripe()) {
                // Stripe's webhooks go straight to the payment service, as they would from stripe.com.
                demoWebhookSecret = PlatformSettings.randomKey("whsec_demo_");
                demoStripe = timed("Demo Stripe", () -> remember(DemoStripe.start(DemoStripe.Options.defaults()
                        .withWebhookEndpoint(localUrl(settings.paymentPort()) + "/api/payments/stripe/webhook", demoWebhookSecret))));
            }
        } finally {
            // Joined even when this thread failed, so that close() finds PostgreSQL and Kafka among what was started.
            joinAll(List.of(database, broker));
        }
    }

    private static java.util.concurrent.Executor inThread(String name) {
        return runnable -> new Thread(runnable, name).start();
    }

    /** Waits for all; the first failure is thrown once every one has ended. */
    private static void joinAll(List<CompletableFuture<Void>> starts) {
        RuntimeException first = null;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Starts one component and tells the console how long it took; a failure is told there too. */
    private <T> T timed(String component, Supplier<T> starter) {
        long startedAt = System.nanoTime();
        try {
            T started = starter.get();
            console.ready(component, Duration.ofNanos(System.nanoTime() - startedAt));
            return started;
        } catch (RuntimeException e) {
            if (!isClosed()) {
                console.failedToStart(component, String.valueOf(e.getMessage()), logsDirectory().resolve("platform.log"), List.of());
            }
            throw e;
        }
    }

    /** The data directory, or a new temporary one: the gateway's spool, the alert state, the demo mailbox, the logs. */
    static Path workDirectory(PlatformSettings settings) {
        try {
            return settings.dataDir() != null ? Files.createDirectories(settings.dataDir())
                    : Files.createTempDirectory("creditgate-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the platform's working directory", e);
        }
    }

    private void startServices() {
        Map<String, String> common = new HashMap<>();
        common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("SPRING_DATA_REDIS_URL", redis.url());
        common.put("CREDITGATE_STARTING_CREDITS", Long.toString(settings.startingCredits()));
        // Every service trusts the console's tokens (its JWKS is fetched when the first token arrives).
        common.put("CREDITGATE_AUTH_ISSUER", consoleUrl());

        Map<String, String> ledger = new HashMap<>(common);
        ledger.put("SPRING_DATASOURCE_URL", ledgerJdbcUrl);
        ledger.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        ledger.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        ledger.put("CREDITGATE_ADMIN_KEY", settings.adminKey());
        if (demo != null) {
            // Finance's reconciliation reads the demo's own bill through OpenAI's usage API, as it would read OpenAI's.
            // With a real upstream the operator sets CREDITGATE_RECONCILIATION_* (docs/reconciliation.md), which the
            // services inherit from this process's environment.
            ledger.put("CREDITGATE_RECONCILIATION_SOURCE", "openai");
            ledger.put("CREDITGATE_RECONCILIATION_URL", demo.baseUrl());
            ledger.put("CREDITGATE_RECONCILIATION_API_KEY", DEMO_ADMIN_KEY);
        }

        Map<String, String> gateway = new HashMap<>(common);
        gateway.put("CREDITGATE_SERVICE_KEY", settings.serviceKey());
        gateway.put("CREDITGATE_ADMIN_KEY", settings.adminKey());
        gateway.put("CREDITGATE_UPSTREAM_URL", upstreamUrl());
        gateway.put("CREDITGATE_SPOOL_DIRECTORY", workDir.resolve("gateway-spool").toString());
        gateway.put("CREDITGATE_BUY_CREDITS_URL", buyPageUrl());
        gateway.put("SPRING_DATASOURCE_URL", gatewayJdbcUrl);
        gateway.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        gateway.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        if (settings.openAiApiKey() != null) {
            gateway.put("OPENAI_API_KEY", settings.openAiApiKey());
        }

        Map<String, String> alerts = new HashMap<>(common);
        alerts.putAll(settings.alertSettings());
        alerts.put("CREDITGATE_ADMIN_KEY", settings.adminKey());
        alerts.put("SPRING_DATASOURCE_URL", alertJdbcUrl);
        alerts.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        alerts.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        alerts.put("CREDITGATE_ALERT_STATE_DIR", workDir.resolve("alert-state").toString());
        alerts.put("CREDITGATE_BUY_CREDITS_URL", buyPageUrl());
        if (mail != null) {
            alerts.put("SPRING_MAIL_HOST", mail.host());
            alerts.put("SPRING_MAIL_PORT", Integer.toString(mail.smtpPort()));
        }

        Map<String, String> console = new HashMap<>(settings.identitySettings());
        console.put("CREDITGATE_CONSOLE_URL", consoleUrl());
        console.put("CREDITGATE_ADMIN_EMAIL", settings.adminEmail());
        console.put("CREDITGATE_ADMIN_PASSWORD", settings.adminPassword());
        console.put("CREDITGATE_GATEWAY_URL", localUrl(settings.gatewayPort()));
        console.put("CREDITGATE_LEDGER_URL", localUrl(settings.ledgerPort()));
        console.put("CREDITGATE_ALERT_URL", localUrl(settings.alertPort()));
        console.put("CREDITGATE_PAYMENT_URL", localUrl(settings.paymentPort()));
        console.put("SPRING_DATASOURCE_URL", consoleJdbcUrl);
        console.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        console.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        if (mail != null) {
            console.put("SPRING_MAIL_HOST", mail.host());
            console.put("SPRING_MAIL_PORT", Integer.toString(mail.smtpPort()));
        }

        Map<String, ClassDataSharing> cds = classDataSharing(SERVICES);
        launch("console", settings.consolePort(), console, cds);
        launch("ledger-service", settings.ledgerPort(), ledger, cds);
        launch(GATEWAY, settings.gatewayPort(), gateway, cds);
        launch("alert-service", settings.alertPort(), alerts, cds);
        Map<String, String> payment = new HashMap<>(common);
        payment.put("CREDITGATE_ADMIN_KEY", settings.adminKey());
        payment.put("SPRING_DATASOURCE_URL", paymentJdbcUrl);
        payment.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        payment.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        payment.put("CREDITGATE_DASHBOARD_URL", consoleUrl());
        payment.putAll(settings.paymentSettings());
        if (demoStripe != null) {
            payment.put("STRIPE_SECRET_KEY", demoStripe.options().secretKey());
            payment.put("STRIPE_WEBHOOK_SECRET", demoWebhookSecret);
            payment.put("CREDITGATE_STRIPE_API_BASE", demoStripe.baseUrl());
        }

        launch("payment-service", settings.paymentPort(), payment, cds);
        awaitServices();
    }

    private void launch(String name, int port, Map<String, String> environment, Map<String, ClassDataSharing> cds) {
        log.info("Starting {} on port {}", name, port);
        ServiceProcess service = ServiceProcess.start(name, settings.servicesDir(), port, environment, jvmOptions(name),
                logsDirectory().resolve(name + ".log"), console, cds.get(name));
        services.put(name, remember(service));
    }

    /**
     * A service's JVM options: ours, then the operator's ({@code CREDITGATE_SERVICE_JAVA_OPTIONS}, space-separated),
     * which win where they repeat one of ours ({@code -XX:TieredStopAtLevel=4} gives a service C2 back).
     */
    static List<String> jvmOptions(String service) {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        if (!GATEWAY.equals(service)) {
            options.addAll(QUICK_START_OPTIONS);
        }
        String extra = System.getenv("CREDITGATE_SERVICE_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }

    /**
     * Each service's class-data cache, extracted in parallel on the first run after a build (or a JDK change); none
     * when {@code CREDITGATE_CDS=false}, or when the cache cannot be written (the services then start from their jars).
     * On by default since it was measured: the third start's banner after 11.6 s instead of 21 (docs/decisions.md 80).
     */
    private Map<String, ClassDataSharing> classDataSharing(List<String> names) {
        if ("false".equalsIgnoreCase(String.valueOf(System.getenv("CREDITGATE_CDS")).strip())) {
            return Map.of();
        }
        Map<String, ClassDataSharing> caches = new java.util.concurrent.ConcurrentHashMap<>();
        names.parallelStream().forEach(name -> {
            try {
                caches.put(name, ClassDataSharing.prepare(name, settings.servicesDir()));
            } catch (RuntimeException e) {
                log.warn("{} starts without class-data sharing: {}", name, e.getMessage());
            }
        });
        return caches;
    }

    /**
     * The services start together (each needs only the infrastructure, and the console's JWKS is fetched when the
     * first token arrives); each is reported as it becomes healthy. The first one to fail fails the start.
     */
    private void awaitServices() {
        long launchedAt = System.nanoTime();
        List<CompletableFuture<Void>> healthy = services.values().stream()
                .map(service -> CompletableFuture.runAsync(() -> {
                    service.awaitHealthy(startTimeout());
                    Duration took = Duration.ofNanos(System.nanoTime() - launchedAt);
                    console.ready(service.name(), took);
                    // The CPU it took says more than the wall time on a machine that other work shares.
                    log.info("{} healthy after {} ms, having used {} ms of CPU", service.name(), took.toMillis(),
                            service.cpuTime().toMillis());
                }, runnable -> new Thread(runnable, "await-" + service.name()).start()))
                .toList();
        CompletableFuture<Void> all = CompletableFuture.allOf(healthy.toArray(CompletableFuture[]::new));
        healthy.forEach(future -> future.whenComplete((ok, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
            }
        }));
        try {
            all.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** How long a service may take to become healthy: {@code CREDITGATE_START_TIMEOUT_SECONDS}, 180 s by default. */
    private static Duration startTimeout() {
        String seconds = System.getenv("CREDITGATE_START_TIMEOUT_SECONDS");
        return seconds == null || seconds.isBlank() ? START_TIMEOUT : Duration.ofSeconds(Long.parseLong(seconds.strip()));
    }

    /** The upstream the gateway forwards to: the configured one, OpenAI when only a key is given, else the demo. */
    String upstreamUrl() {
        if (settings.upstreamUrl() != null) {
            return settings.upstreamUrl();
        }
        return settings.openAiApiKey() != null ? "https://api.openai.com" : demo.baseUrl();
    }

    /**
     * The environment a service run by hand (from an IDE, or a benchmark) needs to use this
     * platform's infrastructure, as shell {@code export} lines.
     */
    String serviceEnvironment() {
        StringBuilder env = new StringBuilder();
        env.append("export SPRING_KAFKA_BOOTSTRAP_SERVERS=").append(kafka.bootstrapServers()).append('\n');
        env.append("export SPRING_DATA_REDIS_URL=").append(redis.url()).append('\n');
        env.append("export SPRING_DATASOURCE_URL='").append(ledgerJdbcUrl).append("'\n");
        env.append("export SPRING_DATASOURCE_USERNAME=").append(postgres.username()).append('\n');
        env.append("export CREDITGATE_UPSTREAM_URL=").append(upstreamUrl()).append('\n');
        env.append("export CREDITGATE_STARTING_CREDITS=").append(settings.startingCredits()).append('\n');
        if (mail != null) {
            env.append("export SPRING_MAIL_HOST=").append(mail.host()).append('\n');
            env.append("export SPRING_MAIL_PORT=").append(mail.smtpPort()).append('\n');
        }
        return env.toString();
    }

    /**
     * The console's address as browsers and tokens name it: the issuer every service checks. {@code localhost}
     * rather than 127.0.0.1 because a browser keeps cookies per host name, and the issuer must be the name it uses.
     */
    String consoleUrl() {
        String configured = settings.identitySettings().get("CREDITGATE_CONSOLE_URL");
        return configured != null && !configured.isBlank() ? configured.strip() : "http://localhost:" + settings.consolePort();
    }

    private static String localUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** Where users buy credits (the dashboard's buy page), named in 402 answers and alert emails. */
    String buyPageUrl() {
        return consoleUrl() + "/app/buy";
    }

    /** Where each service's output is kept, one {@code <service>.log} file each. */
    Path logsDirectory() {
        try {
            return Files.createDirectories(workDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the services' log directory", e);
        }
    }

    /** The demo SMTP server's mailbox directory, or null when an external SMTP server is configured. */
    Path mailbox() {
        return mail == null ? null : mail.mailbox();
    }

    LocalMail mail() {
        return mail;
    }

    String gatewayUrl() {
        return services.get(GATEWAY).url();
    }

    String ledgerUrl() {
        return services.get("ledger-service").url();
    }

    String alertUrl() {
        return services.get("alert-service").url();
    }

    String paymentUrl() {
        return services.get("payment-service").url();
    }

    /** The console as the platform started it (127.0.0.1); {@link #consoleUrl()} is the name browsers use. */
    String consoleLocalUrl() {
        return services.get("console").url();
    }

    PlatformSettings settings() {
        return settings;
    }

    LocalKafka kafka() {
        return kafka;
    }

    LocalRedis redis() {
        return redis;
    }

    String ledgerJdbcUrl() {
        return ledgerJdbcUrl;
    }

    LocalPostgres postgres() {
        return postgres;
    }

    /** The demo Stripe, or null when a real Stripe account is configured. */
    DemoStripe demoStripe() {
        return demoStripe;
    }

    /** The demo upstream, or null when a real upstream is configured. */
    DemoUpstream demo() {
        return demo;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Keeps a started resource for {@link #close()}; one started after close (Ctrl-C during start) is closed at once. */
    private synchronized <T extends AutoCloseable> T remember(T resource) {
        if (closed) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not stop {}: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
            throw new IllegalStateException("The platform is stopping");
        }
        started.add(resource);
        return resource;
    }

    /** Stops what was started, newest first: services before the infrastructure they use. */
    @Override
    public synchronized void close() {
        closed = true;
        List<ServiceProcess> running = started.stream().filter(ServiceProcess.class::isInstance)
                .map(ServiceProcess.class::cast).toList();
        // Services stop in parallel: each gets its own grace period, the total stays one grace period.
        running.parallelStream().forEach(ServiceProcess::close);
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable resource = started.get(i);
            if (resource instanceof ServiceProcess) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not stop {}: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
        started.clear();
    }
}
