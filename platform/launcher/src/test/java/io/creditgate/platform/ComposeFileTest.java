package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml and the files it mounts from {@code deploy/}, checked without a Docker engine: the Compose
 * Specification's own JSON schema (src/test/resources/compose, see SOURCE.md there), a health check on every service,
 * every mounted file present, LibreChat pointed at the gateway with the user's identity, and each service that exports
 * Prometheus metrics scraped.
 */
class ComposeFileTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("creditgate.repository.dir", "../.."));
    private static final Schema COMPOSE_SPEC = composeSpec();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theComposeFileFollowsTheComposeSpecification() {
        assertThat(errors(composeFile())).isEmpty();
    }

    @Test
    void theValidatorRefusesAMisspeltKeyAndAWrongType() {
        Map<String, Object> misspelt = composeFile();
        Map<String, Object> ledger = service(misspelt, "ledger");
        ledger.put("healthchek", ledger.remove("healthcheck"));
        assertThat(errors(misspelt)).as("a misspelt service key").isNotEmpty()
                .anySatisfy(error -> assertThat(error).contains("healthchek"));

        Map<String, Object> wrongType = composeFile();
        service(wrongType, "gateway").put("depends_on", 42);
        assertThat(errors(wrongType)).as("depends_on that is neither a list nor a map").isNotEmpty();

        Map<String, Object> badCondition = composeFile();
        dependsOn(service(badCondition, "librechat")).put("gateway", Map.of("condition", "service_ready"));
        assertThat(errors(badCondition)).as("an unknown depends_on condition").isNotEmpty();
    }

    @Test
    void everyServiceHasAHealthCheckAndWaitsForTheHealthOfWhatItNeeds() {
        Map<String, Object> services = services(composeFile());
        assertThat(services).containsKeys("kafka", "postgres", "redis", "gateway", "ledger", "alert", "payment", "console",
                "mongodb", "librechat", "litellm", "prometheus", "grafana");
        services.forEach((name, definition) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> healthcheck = (Map<String, Object>) ((Map<String, Object>) definition).get("healthcheck");
            assertThat(healthcheck).as(name + " has a healthcheck").isNotNull();
            assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(true);
            assertThat(healthcheck.get("test")).as(name + "'s health test").isInstanceOf(List.class);
            assertThat(((List<?>) healthcheck.get("test")).get(0)).as(name).isIn("CMD", "CMD-SHELL");
        });
        services.forEach((name, definition) -> dependsOn(asMap(definition)).forEach((needed, how) -> {
            assertThat(services).as(name + " depends on a service that exists").containsKey(needed);
            assertThat(asMap(how).get("condition")).as(name + " waits for " + needed).isEqualTo("service_healthy");
        }));
        assertThat(dependsOn(service(composeFile(), "librechat"))).containsKeys("gateway", "mongodb");
        assertThat(dependsOn(service(composeFile(), "grafana"))).containsKey("prometheus");
    }

    @Test
    void springServicesAreCheckedOnTheirOwnReadinessPort() {
        Map<String, Integer> ports = Map.of("gateway", 8080, "ledger", 8081, "alert", 8082, "payment", 8083, "console", 8084);
        ports.forEach((name, port) -> assertThat(healthTest(name))
                .contains("http://localhost:" + port + "/actuator/health/readiness"));
    }

    @Test
    void theProfilesAddLibreChatLiteLlmAndMonitoring() {
        Map<String, Object> services = services(composeFile());
        Map<String, String> profileOf = Map.of("mongodb", "librechat", "librechat", "librechat", "litellm", "litellm",
                "prometheus", "monitoring", "grafana", "monitoring");
        profileOf.forEach((name, profile) -> assertThat(asMap(services.get(name)).get("profiles")).as(name)
                .isEqualTo(List.of(profile)));
        // Creditgate itself runs without any profile.
        List.of("kafka", "postgres", "redis", "gateway", "ledger", "alert", "payment", "console").forEach(name ->
                assertThat(asMap(services.get(name))).as(name).doesNotContainKey("profiles"));
        // The gateway waits for LiteLLM only when its profile is on.
        assertThat(asMap(dependsOn(service(composeFile(), "gateway")).get("litellm"))).containsEntry("required", false);
    }

    @Test
    void everyFileMountedFromTheRepositoryExists() {
        List<String> mounted = new ArrayList<>();
        services(composeFile()).forEach((name, definition) -> {
            Object volumes = asMap(definition).get("volumes");
            if (volumes instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast)
                        .map(volume -> volume.split(":")[0])
                        .filter(source -> source.startsWith("./deploy/") || source.startsWith("./docker/"))
                        .forEach(mounted::add);
            }
        });
        assertThat(mounted).contains("./deploy/librechat/librechat.yaml", "./deploy/litellm/config.yaml",
                "./deploy/prometheus/prometheus.yml", "./deploy/prometheus/alerts.yml", "./deploy/grafana/provisioning",
                "./deploy/grafana/dashboards", "./docker/postgres-init.sql");
        mounted.forEach(source -> assertThat(REPOSITORY.resolve(source)).as(source).exists());
    }

    @Test
    void everyRequiredVariableIsInTheEnvironmentExample() throws IOException {
        String compose = Files.readString(REPOSITORY.resolve("docker-compose.yml"));
        Set<String> required = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(compose);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        assertThat(required).contains("POSTGRES_PASSWORD", "CREDITGATE_ADMIN_KEY", "GRAFANA_ADMIN_PASSWORD",
                "LITELLM_MASTER_KEY", "LIBRECHAT_CREDS_KEY");
        String example = Files.readString(REPOSITORY.resolve(".env.example"));
        required.forEach(variable -> assertThat(example).as(variable + " in .env.example").containsPattern(
                "(?m)^" + variable + "="));
    }

    @Test
    void libreChatCallsTheGatewayWithTheServiceKeyAndTheUsersIdentity() {
        Map<String, Object> config = yaml(REPOSITORY.resolve("deploy/librechat/librechat.yaml"));
        assertThat(config).containsKey("version");
        assertThat(asMap(config.get("balance"))).as("Creditgate is the one place that counts").containsEntry("enabled", false);
        List<?> custom = (List<?>) asMap(config.get("endpoints")).get("custom");
        assertThat(custom).hasSize(1);
        Map<String, Object> endpoint = asMap(custom.get(0));
        assertThat(endpoint.get("baseURL")).isEqualTo("http://gateway:8080/v1");
        assertThat(endpoint.get("apiKey")).isEqualTo("${CREDITGATE_SERVICE_KEY}");
        Map<String, Object> headers = asMap(endpoint.get("headers"));
        assertThat((String) headers.get("X-User-Id")).matches("\\{\\{LIBRECHAT_USER_(EMAIL|OPENIDID|ID)}}");
        // The service key reaches LibreChat's container, where librechat.yaml's apiKey reads it.
        assertThat(asMap(service(composeFile(), "librechat").get("environment")))
                .containsEntry("CREDITGATE_SERVICE_KEY", "${CREDITGATE_SERVICE_KEY}");
        // The gateway's own name and port, as the compose file defines them.
        assertThat(services(composeFile())).containsKey("gateway");
        assertThat(healthTest("gateway")).contains("localhost:8080");
    }

    @Test
    void liteLlmServesModelsAndAsksForAKey() {
        Map<String, Object> config = yaml(REPOSITORY.resolve("deploy/litellm/config.yaml"));
        List<?> models = (List<?>) config.get("model_list");
        assertThat(models).isNotEmpty().allSatisfy(model -> {
            assertThat(asMap(model)).containsKeys("model_name", "litellm_params");
            assertThat((String) asMap(asMap(model).get("litellm_params")).get("api_key")).startsWith("os.environ/");
        });
        assertThat(asMap(config.get("general_settings"))).containsEntry("master_key", "os.environ/LITELLM_MASTER_KEY");
    }

    @Test
    void prometheusScrapesEveryServiceThatExportsMetrics() throws IOException {
        Map<String, Object> prometheus = yaml(REPOSITORY.resolve("deploy/prometheus/prometheus.yml"));
        assertThat(prometheus.get("rule_files")).isEqualTo(List.of("/etc/prometheus/alerts.yml"));
        Map<String, String> scraped = new java.util.TreeMap<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            Map<String, Object> config = asMap(job);
            if (config.containsKey("dns_sd_configs")) {
                Map<String, Object> sd = asMap(((List<?>) config.get("dns_sd_configs")).get(0));
                String service = (String) ((List<?>) sd.get("names")).get(0);
                scraped.put(service + ":" + sd.get("port"), (String) config.get("metrics_path"));
                // The services take the bootstrap admin key; the console takes none, only an admin's API token.
                assertThat(asMap(config.get("authorization")).get("credentials_file")).as(service).isEqualTo(
                        service.equals("console") ? "/run/secrets/creditgate_console_metrics_token" : "/run/secrets/creditgate_admin_key");
            }
        }
        // Every service whose actuator exposes prometheus is scraped on its port.
        Map<String, String> modules = Map.of("gateway", "gateway-service", "ledger", "ledger-service", "alert",
                "alert-service", "payment", "payment-service", "console", "console");
        Map<String, Integer> ports = Map.of("gateway", 8080, "ledger", 8081, "alert", 8082, "payment", 8083, "console", 8084);
        for (var module : modules.entrySet()) {
            String applicationYml = Files.readString(REPOSITORY.resolve(module.getValue() + "/src/main/resources/application.yml"));
            boolean exportsPrometheus = Pattern.compile("include: .*\\bprometheus\\b").matcher(applicationYml).find();
            String target = module.getKey() + ":" + ports.get(module.getKey());
            if (exportsPrometheus) {
                assertThat(scraped).as(target).containsEntry(target, "/actuator/prometheus");
            }
        }
        assertThat(scraped).containsKeys("gateway:8080", "ledger:8081", "alert:8082", "payment:8083", "console:8084");
        // Compose hands Prometheus the key and the token as those secrets, from the environment.
        Map<String, Object> compose = composeFile();
        assertThat(asMap(asMap(compose.get("secrets")).get("creditgate_admin_key"))).containsEntry("environment",
                "CREDITGATE_ADMIN_KEY");
        assertThat(asMap(asMap(compose.get("secrets")).get("creditgate_console_metrics_token"))).containsEntry("environment",
                "CREDITGATE_CONSOLE_METRICS_TOKEN");
        assertThat(service(compose, "prometheus").get("secrets"))
                .isEqualTo(List.of("creditgate_admin_key", "creditgate_console_metrics_token"));
        assertThat(Files.readString(REPOSITORY.resolve(".env.example"))).containsPattern("(?m)^CREDITGATE_CONSOLE_METRICS_TOKEN=");
    }

    @Test
    void grafanaLoadsTheDashboardFromItsProvisionedDatasource() throws IOException {
        Map<String, Object> datasources = yaml(REPOSITORY.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> datasource = asMap(((List<?>) datasources.get("datasources")).get(0));
        assertThat(datasource).containsEntry("url", "http://prometheus:9090").containsEntry("type", "prometheus");
        Map<String, Object> providers = yaml(REPOSITORY.resolve("deploy/grafana/provisioning/dashboards/creditgate.yml"));
        assertThat(asMap(asMap(((List<?>) providers.get("providers")).get(0)).get("options")))
                .containsEntry("path", "/var/lib/grafana/dashboards");
        JsonNode dashboard = JSON.readTree(REPOSITORY.resolve("deploy/grafana/dashboards/creditgate.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            if (!"row".equals(panel.get("type").asString())) {
                assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString())
                        .isEqualTo(datasource.get("uid"));
                assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static List<String> errors(Map<String, Object> compose) {
        JsonNode document = JSON.valueToTree(compose);
        return COMPOSE_SPEC.validate(document).stream().map(Error::toString).toList();
    }

    private static String healthTest(String service) {
        return String.join(" ", ((List<?>) asMap(service(composeFile(), service).get("healthcheck")).get("test"))
                .stream().map(String::valueOf).toList());
    }

    /** The compose file as Compose reads it: YAML with its merge keys ({@code <<: *service}) resolved. */
    private static Map<String, Object> composeFile() {
        return yaml(REPOSITORY.resolve("docker-compose.yml"));
    }

    private static Map<String, Object> services(Map<String, Object> compose) {
        return asMap(compose.get("services"));
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return asMap(services(compose).get(name));
    }

    private static Map<String, Object> dependsOn(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        return dependsOn == null ? new java.util.LinkedHashMap<>() : asMap(dependsOn);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loaded from the classpath, so that the schema's relative {@code $id} resolves against its own location. */
    private static Schema composeSpec() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("classpath:compose/compose-spec.json"));
    }
}
