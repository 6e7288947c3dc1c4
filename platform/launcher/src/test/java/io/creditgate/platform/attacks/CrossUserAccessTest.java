package io.creditgate.platform.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.creditgate.console.Browser;
import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, one user's id in another user's request, on every route: the routes are read from each service's own
 * OpenAPI document (so a new route is attacked without this test changing), and every route with a user in its path
 * or query is called through the console by a signed-in user (an API token with the user role and their own account)
 * naming someone else — in the path, the query and the body. Each answer must be 403 or 404 with a clear JSON
 * error and no data; afterwards the victim's ledger record, keys and alert preferences are what they were.
 */
@OnTestPlatform
class CrossUserAccessTest {

    /** The parameter names that hold a ledger user id across the services' APIs. */
    private static final Pattern USER_PARAMETER = Pattern.compile("(?i)(user|account)(Id)?");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** A route; {@code bodyNamesUser} when its JSON body has a user field (e.g. {@code POST /api/keys}). */
    private record Route(String service, String method, String template, List<JsonNode> parameters, boolean bodyNamesUser) {
        boolean userScoped() {
            return bodyNamesUser || parameters.stream().anyMatch(p -> USER_PARAMETER.matcher(p.path("name").asString()).matches()
                    && Set.of("path", "query").contains(p.path("in").asString()));
        }
    }

    @Test
    void noRouteGivesOneUserAnotherUsersDataOrActsForThem() {
        String attacker = "attacker-" + UUID.randomUUID();
        String victim = "victim-" + UUID.randomUUID();
        // The victim has an account with usage and a key, so there is something to leak.
        assertThat(Attacks.chat(RunningPlatform.SERVICE_KEY, victim).statusCode()).isEqualTo(200);
        assertThat(Attacks.postJson(RunningPlatform.gatewayUrl() + "/api/keys", RunningPlatform.ADMIN_KEY,
                "{\"userId\":\"" + victim + "\",\"name\":\"victim's\"}").statusCode()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(Attacks.ledgerRecordOf(victim)).contains("USAGE"));
        String before = victimsRecord(victim);

        Browser admin = RunningPlatform.signedInAdmin();
        String token = Attacks.apiToken(admin, "[\"user\"]", "[\"" + attacker + "\"]");
        // The attacker reaches their own account: the refusals below are about the victim, not a broken token.
        assertThat(Attacks.chat(RunningPlatform.SERVICE_KEY, attacker).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Attacks.get(RunningPlatform.consoleUrl() + "/api/accounts/" + attacker, token).statusCode()).isEqualTo(200));

        List<Route> routes = userScopedRoutes(admin);
        Map<String, Long> perService = new LinkedHashMap<>();
        routes.forEach(route -> perService.merge(route.service(), 1L, Long::sum));
        assertThat(perService).as("user-scoped routes found per service").containsKeys("gateway", "ledger", "alert", "payment");

        String packId = firstId(Attacks.get(RunningPlatform.paymentUrl() + "/api/payments/packs", RunningPlatform.ADMIN_KEY).body(), "packId");
        String offerId = firstId(Attacks.get(RunningPlatform.paymentUrl() + "/api/payments/subscription-offers",
                RunningPlatform.ADMIN_KEY).body(), "offerId");
        SoftAssertions softly = new SoftAssertions();
        for (Route route : routes) {
            String url = RunningPlatform.consoleUrl() + fill(route, victim);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
            // Complete enough to pass each route's own validation (a real pack and offer), so the refusal is about whose account it is.
            String body = "{\"userId\":\"" + victim + "\",\"user\":\"" + victim + "\",\"accountId\":\"" + victim
                    + "\",\"packId\":\"" + packId + "\",\"offerId\":\"" + offerId + "\",\"name\":\"cross-user\"}";
            request = route.method().equals("get") || route.method().equals("delete")
                    ? request.method(route.method().toUpperCase(), HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json")
                            .method(route.method().toUpperCase(), HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> answer = Attacks.send(request);
            String what = route.method().toUpperCase() + " " + route.template() + " (" + route.service() + ") as another user";
            softly.assertThat(answer.statusCode()).as(what + ": " + answer.body()).isIn(403, 404);
            softly.assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what).containsIgnoringCase("json");
            softly.assertThat(answer.body()).as(what).startsWith("{\"error\":").doesNotContain("balanceCredits")
                    .doesNotContain("\"items\"").doesNotContain("sk-cg-");
        }
        softly.assertAll();
        assertThat(victimsRecord(victim)).as("the victim's record after every attempt").isEqualTo(before);
    }

    /** The first {@code id} or {@code <field>} text anywhere in a JSON answer, or "none". */
    private static String firstId(String json, String field) {
        if (!json.startsWith("{") && !json.startsWith("[")) {
            return "none";
        }
        JsonNode node = Attacks.JSON.readTree(json);
        JsonNode found = node.findValue(field);
        if (found == null || !found.isString()) {
            found = node.findValue("id");
        }
        return found != null && found.isString() ? found.asString() : "none";
    }

    /** Every route with a user parameter, from the OpenAPI document each service serves (read as the first admin). */
    private static List<Route> userScopedRoutes(Browser admin) {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("gateway", RunningPlatform.gatewayUrl());
        documents.put("ledger", RunningPlatform.ledgerUrl());
        documents.put("alert", RunningPlatform.alertUrl());
        documents.put("payment", RunningPlatform.paymentUrl());
        List<Route> routes = new ArrayList<>();
        documents.forEach((service, base) -> {
            HttpResponse<String> document = Attacks.get(base + "/v3/api-docs", RunningPlatform.ADMIN_KEY);
            assertThat(document.statusCode()).as(service + " OpenAPI document: " + document.body()).isEqualTo(200);
            routes.addAll(routesOf(service, Attacks.JSON.readTree(document.body())));
        });
        JsonNode console = admin.get("/v3/api-docs").expectStatus(200).json();
        routes.addAll(routesOf("console", console));
        return routes.stream().filter(Route::userScoped).toList();
    }

    private static List<Route> routesOf(String service, JsonNode document) {
        List<Route> routes = new ArrayList<>();
        document.path("paths").properties().forEach(path -> {
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            path.getValue().properties().forEach(operation -> {
                if (METHODS.contains(operation.getKey())) {
                    List<JsonNode> parameters = new ArrayList<>(shared);
                    operation.getValue().path("parameters").forEach(parameters::add);
                    routes.add(new Route(service, operation.getKey(), path.getKey(), parameters,
                            bodyNamesUser(document, operation.getValue())));
                }
            });
        });
        assertThat(routes).as(service + " documents routes").isNotEmpty();
        return routes;
    }

    /** Whether the operation's JSON body schema (followed through its {@code $ref}) has a user field. */
    private static boolean bodyNamesUser(JsonNode document, JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            schema = document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        boolean[] found = {false};
        schema.path("properties").propertyNames().forEach(name -> found[0] |= USER_PARAMETER.matcher(name).matches());
        return found[0];
    }

    /** The path with the victim in every user slot, any other path slot a made-up id, and the query's user slots. */
    private static String fill(Route route, String victim) {
        String path = route.template();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : route.parameters()) {
            String name = parameter.path("name").asString();
            boolean user = USER_PARAMETER.matcher(name).matches();
            String value = user ? victim : "1";
            if ("path".equals(parameter.path("in").asString())) {
                path = path.replace("{" + name + "}", user ? victim : "00000000-0000-0000-0000-000000000001");
            } else if ("query".equals(parameter.path("in").asString()) && (user || parameter.path("required").asBoolean())) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    /** What an admin sees of the victim: the ledger account and statement, the keys, the alert preferences. */
    private static String victimsRecord(String victim) {
        String keys = Attacks.get(RunningPlatform.gatewayUrl() + "/api/keys?userId=" + victim, RunningPlatform.ADMIN_KEY).body();
        String preferences = Attacks.get(RunningPlatform.alertUrl() + "/api/users/" + victim + "/preferences",
                RunningPlatform.ADMIN_KEY).body();
        return Attacks.ledgerRecordOf(victim) + "\nkeys " + keys + "\npreferences " + preferences;
    }
}
