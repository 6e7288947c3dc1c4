package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditgate.console.Browser;
import io.creditgate.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rules (deploy/prometheus/alerts.yml) and the Grafana dashboard (deploy/grafana/dashboards) chart and alert
 * only on metrics the services really export: every metric name in their PromQL must be in some service's
 * /actuator/prometheus once the platform has served calls, refused one, dead-lettered a record, answered a webhook and
 * relayed a call from the console. The console is scraped as Prometheus does, with an admin's API token.
 */
@ExtendWith(TestPlatform.class)
class MonitoringConfigTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("creditgate.repository.dir", "../.."));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Series Prometheus makes itself for every target, found in no service's output. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    /**
     * Metrics the issue asks for that no service exports yet; at most three, each named with its owner. Empty today:
     * every metric the rules and the dashboard use exists.
     */
    private static final Set<String> NOT_YET_EXPORTED = Set.of();

    /** PromQL words that look like metric names but are not. */
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan");

    private static Platform platform;
    private static Map<String, Set<String>> exported;
    /** An admin's API token: the console takes no admin key (docs/operations.md, "Prometheus's credential"). */
    private static String consoleToken;

    @BeforeAll
    static void serveRefuseDeadLetterAndScrape() throws Exception {
        platform = TestPlatform.platform();
        String user = "monitoring-" + UUID.randomUUID().toString().substring(0, 8);
        // Calls until the user's credits are used up: calls, credits, tokens, admissions (admitted and refused), added
        // latency, and the 80 % and 100 % alerts, whose deliveries the alert service counts.
        boolean refused = false;
        for (int call = 0; call < 60 && !refused; call++) {
            HttpResponse<String> response = chat(user, call % 2 == 0);
            refused = response.statusCode() == 402;
            if (!refused) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }
        assertThat(refused).as(user + " runs out of credits").isTrue();
        // Records the ledger cannot read: each goes to its dead-letter topic, counted.
        publishUnreadable(Topics.USAGE_EVENTS.name(), user);
        publishUnreadable(Topics.PAYMENT_EVENTS.name(), user);
        // A Stripe webhook without a signature: refused, counted.
        HttpResponse<String> webhook = HTTP.send(HttpRequest.newBuilder(URI.create(platform.paymentUrl()
                        + "/api/payments/stripe/webhook")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_unsigned\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(webhook.statusCode()).as(webhook.body()).isGreaterThanOrEqualTo(400);
        // The first admin signs in, creates the token Prometheus scrapes the console with, and has a call relayed.
        Browser admin = PlatformPeople.signedInAdmin(platform);
        consoleToken = admin.postJson("/api/api-tokens", "{\"name\":\"prometheus\",\"roles\":[\"admin\"],\"expiresInDays\":1}")
                .expectStatus(201).json().get("token").asString();
        admin.get("/api/prices");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            exported = scrapeEveryService();
            Set<String> all = all(exported);
            assertThat(all).contains("creditgate_ledger_usage_dead_lettered_total",
                    "creditgate_ledger_payment_dead_lettered_total", "creditgate_alerts_deliveries_total",
                    "creditgate_payments_webhooks_total", "creditgate_console_relay_seconds_count");
        });
    }

    @Test
    void everyMetricTheAlertRulesUseIsExported() {
        List<String> expressions = alertExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        assertExported(expressions, "alerts.yml");
    }

    @Test
    void everyMetricTheDashboardChartsIsExported() {
        List<String> expressions = dashboardExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(15);
        assertExported(expressions, "creditgate.json");
    }

    @Test
    void theRulesAndTheDashboardCoverEveryConcernOfTheIssue() {
        Set<String> inRules = metricNames(alertExpressions());
        Set<String> inDashboard = metricNames(dashboardExpressions());
        // calls, cost, admission decisions, added latency, spool depth, consumer lag, dead letters, reservation leaks,
        // webhook failures (alert webhooks and Stripe's), services down, failed sign-ins and mails at the console.
        List<String> concerns = List.of("creditgate_calls_total", "creditgate_credits_total", "creditgate_admissions_total",
                "creditgate_added_latency_seconds_bucket", "creditgate_spool_depth",
                "kafka_consumer_fetch_manager_records_lag_max", "creditgate_ledger_usage_dead_lettered_total",
                "creditgate_reservations_expired_total", "creditgate_alerts_deliveries_total",
                "creditgate_payments_webhooks_total", "up", "creditgate_console_sign_ins_total",
                "creditgate_console_mails_total");
        assertThat(inRules).containsAll(concerns);
        assertThat(inDashboard).containsAll(concerns);
    }

    @Test
    void everyConsumingServiceReportsItsConsumerLag() {
        // The lag rule selects the ledger's, the alert service's and the payment service's jobs: the consumers each of
        // them builds by hand must report it (the alert service's for its streams and its listeners alike: decided
        // by alert-service's ConsumerLagExportTest, which tells the two kinds apart).
        for (String service : List.of("ledger", "alert", "payment")) {
            assertThat(exported.get(service)).as(service).contains("kafka_consumer_fetch_manager_records_lag_max");
        }
    }

    @Test
    void theNameParserFindsMetricsAndSkipsFunctionsLabelsAndKeywords() {
        Set<String> names = metricNames(List.of(
                "histogram_quantile(0.99, sum by (le) (rate(creditgate_added_latency_seconds_bucket[5m]))) > 0.005",
                "(sum(a_total{channel=\"WEBHOOK\", status=~\"FAILED|x\"}) or vector(0)) - (sum(a_total offset 30m) or vector(0)) > 0",
                "absent(up{job=\"creditgate-ledger\"}) or max by (job, topic) (lag_max{job=~\"creditgate-(ledger|alert)\"})",
                "sum(rate(x_total[$__rate_interval])) * 3600 / 1000000 unless on (instance) y_gauge"));
        assertThat(names).containsExactlyInAnyOrder("creditgate_added_latency_seconds_bucket", "a_total", "up", "lag_max",
                "x_total", "y_gauge");
    }

    @Test
    void aMetricNoServiceExportsIsCaught() {
        Set<String> missing = missing(metricNames(List.of("sum(rate(creditgate_calls_total[5m]))",
                "sum(rate(creditgate_calls_totl[5m]))")));
        assertThat(missing).containsExactly("creditgate_calls_totl");
    }

    // --- what the services export ----------------------------------------------------------------------------------

    private static void assertExported(List<String> expressions, String file) {
        Set<String> names = metricNames(expressions);
        assertThat(names).as("metric names in " + file).isNotEmpty();
        assertThat(missing(names)).as("metrics %s uses that no service exports (exported: %s)", file, exported).isEmpty();
    }

    private static Set<String> missing(Set<String> names) {
        Set<String> all = all(exported);
        Set<String> missing = new TreeSet<>();
        for (String name : names) {
            if (!all.contains(name) && !MADE_BY_PROMETHEUS.contains(name) && !NOT_YET_EXPORTED.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static Map<String, Set<String>> scrapeEveryService() throws Exception {
        Map<String, Set<String>> byService = new HashMap<>();
        Map<String, String> urls = Map.of("gateway", platform.gatewayUrl(), "ledger", platform.ledgerUrl(),
                "alert", platform.alertUrl(), "payment", platform.paymentUrl(), "console", platform.consoleUrl());
        for (var service : urls.entrySet()) {
            String credential = service.getKey().equals("console") ? consoleToken : TestPlatform.ADMIN_KEY;
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + credential).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service.getKey() + " /actuator/prometheus").isEqualTo(200);
            byService.put(service.getKey(), sampleNames(response.body()));
        }
        return byService;
    }

    /** The name of every sample in Prometheus's text format ({@code name{labels} value} or {@code name value}). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> all(Map<String, Set<String>> byService) {
        Set<String> all = new TreeSet<>();
        byService.values().forEach(all::addAll);
        return all;
    }

    // --- what the rules and the dashboard use ----------------------------------------------------------------------

    private static List<String> alertExpressions() {
        Map<String, Object> rules = yaml(REPOSITORY.resolve("deploy/prometheus/alerts.yml"));
        List<String> expressions = new ArrayList<>();
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add((String) ((Map<?, ?>) rule).get("expr"));
            }
        }
        return expressions;
    }

    private static List<String> dashboardExpressions() {
        JsonNode dashboard = JSON.readTree(REPOSITORY.resolve("deploy/grafana/dashboards/creditgate.json").toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.get("expr").asString());
            }
        }
        return expressions;
    }

    /**
     * The metric names in PromQL expressions: identifiers that are not functions (followed by "("), label names or
     * values (inside {...} or the parentheses of by/without/on/ignoring/group_*), durations ([5m], offset 1w),
     * Grafana variables ($__rate_interval) or keywords.
     */
    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        Pattern identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        for (String expression : expressions) {
            String bare = expression
                    .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                    .replaceAll("\\{[^}]*\\}", " ")
                    .replaceAll("\\[[^\\]]*\\]", " ")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                    .replaceAll("\\boffset\\s+\\w+", " ")
                    .replaceAll("\\$\\w+", " ");
            Matcher matcher = identifier.matcher(bare);
            while (matcher.find()) {
                String word = matcher.group();
                boolean function = bare.substring(matcher.end()).stripLeading().startsWith("(");
                if (!function && !PROMQL_WORDS.contains(word.toLowerCase())) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    // --- the scenario ----------------------------------------------------------------------------------------------

    private static HttpResponse<String> chat(String user, boolean stream) throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me more.\"}]}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestPlatform.SERVICE_KEY).header("X-User-Id", user)
                .header("X-User-Email", user + "@example.com").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        // Let the ledger fold the charge, so that the next admission sees the lower balance.
        Thread.sleep(50);
        return response;
    }

    private static void publishUnreadable(String topic, String user) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, user, "not an Avro record".getBytes())).get();
        }
    }

    private static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
