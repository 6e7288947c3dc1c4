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
    /** Modest heaps: four JVMs share a small machine; the gateway needs little, the ledger a bit more. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx768m", "-XX:+ExitOnOutOfMemoryError");

    private final PlatformSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalKafka kafka;
    private LocalPostgres postgres;
    private LocalRedis redis;
    private DemoUpstream demo;
    private DemoStripe demoStripe;
    private String demoWebhookSecret;
    private LocalMail mail;
    private Path workDir;
    private String ledgerJdbcUrl;
    private String gatewayJdbcUrl;
    private String alertJdbcUrl;
    private String consoleJdbcUrl;
    private String paymentJdbcUrl;
    private final Map<String, ServiceProcess> services = new HashMap<>();

    private Platform(PlatformSettings settings) {
        this.settings = settings;
    }

    static Platform start(PlatformSettings settings) {
        return start(settings, true);
    }

    /** Starts the infrastructure, and the services too unless {@code withServices} is false. */
    static Platform start(PlatformSettings settings, boolean withServices) {
        Platform platform = new Platform(settings);
        try {
            platform.startInfrastructure();
            if (withServices) {
                platform.startServices();
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        postgres = remember(settings.dataDir() == null || System.getenv("SPRING_DATASOURCE_URL") != null
                ? LocalPostgres.start() : LocalPostgres.startEmbedded(settings.dataDir().resolve("postgres")));
        ledgerJdbcUrl = System.getenv("SPRING_DATASOURCE_URL") != null ? postgres.jdbcUrl() : postgres.createDatabase(LEDGER_DATABASE);
        gatewayJdbcUrl = postgres.createDatabase(GATEWAY_DATABASE);
        alertJdbcUrl = postgres.createDatabase(ALERT_DATABASE);
        consoleJdbcUrl = postgres.createDatabase(CONSOLE_DATABASE);
        paymentJdbcUrl = postgres.createDatabase(PAYMENT_DATABASE);
        workDir = workDirectory();
        redis = remember(LocalRedis.start());
        kafka = remember(LocalKafka.start());
        if (settings.usesDemoUpstream()) {
            demo = remember(DemoUpstream.start(DemoUpstream.Options.defaults()
                    .withEventDelay(Duration.ofMillis(settings.demoEventDelayMs()))));
        }
        if (System.getenv("SPRING_MAIL_HOST") == null) {
            mail = remember(LocalMail.start(workDir.resolve("mail")));
        }
        if (settings.usesDemoStripe()) {
            // Stripe's webhooks go straight to the payment service, as they would from stripe.com.
            demoWebhookSecret = PlatformSettings.randomKey("whsec_demo_");
            demoStripe = remember(DemoStripe.start(DemoStripe.Options.defaults()
                    .withWebhookEndpoint(localUrl(settings.paymentPort()) + "/api/payments/stripe/webhook", demoWebhookSecret)));
        }
    }

    /** The data directory, or a new temporary one: the gateway's spool, the alert state, the demo mailbox. */
    private Path workDirectory() {
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

        launch("console", settings.consolePort(), console);
        launch("ledger-service", settings.ledgerPort(), ledger);
        launch("gateway-service", settings.gatewayPort(), gateway);
        launch("alert-service", settings.alertPort(), alerts);
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

        launch("payment-service", settings.paymentPort(), payment);
        services.values().forEach(service -> service.awaitHealthy(START_TIMEOUT));
    }

    private void launch(String name, int port, Map<String, String> environment) {
        log.info("Starting {} on port {}", name, port);
        ServiceProcess service = ServiceProcess.start(name, settings.servicesDir(), port, environment, JVM_OPTIONS,
                logsDirectory().resolve(name + ".log"));
        services.put(name, remember(service));
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
        return services.get("gateway-service").url();
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

    private <T extends AutoCloseable> T remember(T resource) {
        started.add(resource);
        return resource;
    }

    /** Stops what was started, newest first: services before the infrastructure they use. */
    @Override
    public synchronized void close() {
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
