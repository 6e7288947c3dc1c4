package io.creditgate.platform.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, injection in filters and exports. The routes come from each service's OpenAPI document, so a new filter
 * or export is attacked without this test changing. SQL: every query parameter of every GET route gets classic
 * payloads ({@code ' OR '1'='1}, a stacked {@code DROP TABLE}, a comment); none may be a server error, and none may
 * find more than a value that matches nothing (an always-true clause would find everything). CSV: a user whose id, a
 * grant reason and a purchase note and reference are formulas; every CSV export is read back and no text cell starts
 * with {@code = + - @}, a tab or a carriage return.
 */
@OnTestPlatform
class InjectionInFiltersTest {

    private static final List<String> SQL = List.of("' OR '1'='1", "x'; DROP TABLE access_audit; --", "%' OR 1=1 --",
            "1) OR (1=1", "\\' OR 1=1 --", "x\" OR \"1\"=\"1");
    private static final Pattern FORMULA = Pattern.compile("^[=+\\-@\\t\\r].*", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private static String formulaUser;

    /** Data that is a formula wherever a person could type it: the user id, a grant's reason, a purchase's note and reference. */
    @BeforeAll
    static void seedFormulas() {
        formulaUser = "@SUM(1+1)-" + UUID.randomUUID();
        assertThat(Attacks.chat(RunningPlatform.SERVICE_KEY, formulaUser).statusCode()).isEqualTo(200);
        HttpResponse<String> grant = Attacks.postJson(RunningPlatform.ledgerUrl() + "/api/admin/accounts/" + formulaUser + "/grants",
                RunningPlatform.ADMIN_KEY, "{\"amountCredits\":1000,\"reason\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"}");
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(201);
        HttpResponse<String> purchase = Attacks.postJson(RunningPlatform.paymentUrl() + "/api/payments/manual-purchases",
                RunningPlatform.ADMIN_KEY, "{\"userId\":\"" + formulaUser + "\",\"credits\":1000,\"amountMinor\":100,"
                        + "\"currency\":\"usd\",\"method\":\"bank_transfer\",\"reference\":\"-2+3-" + UUID.randomUUID()
                        + "\",\"note\":\"+cmd|' /C calc'!A0\"}");
        assertThat(purchase.statusCode()).as(purchase.body()).isIn(200, 201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(Attacks.ledgerRecordOf(formulaUser)).contains("USAGE", "GRANT", "PURCHASE"));
    }

    /** A GET route; {@code bearer} null: called with the first admin's browser session (the console's own routes). */
    private record Route(String base, String bearer, String path, JsonNode operation) {
    }

    /** Status and body of a GET, with the route's credential. */
    private record Answer(int status, String body) {
    }

    private static io.creditgate.console.Browser admin;

    private static Answer get(Route route, String pathAndQuery) {
        if (route.bearer() == null) {
            if (admin == null) {
                admin = RunningPlatform.signedInAdmin();
            }
            io.creditgate.console.Browser.Response response = admin.get(pathAndQuery);
            return new Answer(response.status(), response.body());
        }
        HttpResponse<String> response = Attacks.get(route.base() + pathAndQuery, route.bearer());
        return new Answer(response.statusCode(), response.body());
    }

    @Test
    void noCsvExportHandsASpreadsheetAFormula() throws IOException {
        List<Route> exports = routes().stream().filter(route -> route.operation().path("responses").toString().contains("text/csv"))
                .toList();
        assertThat(exports).as("CSV exports documented").hasSizeGreaterThanOrEqualTo(3);
        SoftAssertions softly = new SoftAssertions();
        StringBuilder everything = new StringBuilder();
        for (Route export : exports) {
            String url = export.base() + fill(export, Map.of("format", "csv"));
            Answer csv = get(export, fill(export, Map.of("format", "csv")));
            softly.assertThat(csv.status()).as(url + ": " + csv.body()).isEqualTo(200);
            if (csv.status() != 200) {
                continue;
            }
            everything.append(csv.body());
            for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv.body()))) {
                for (String cell : record) {
                    if (!NUMBER.matcher(cell).matches()) {
                        softly.assertThat(FORMULA.matcher(cell).matches()).as(url + " cell " + cell).isFalse();
                    }
                }
            }
        }
        softly.assertAll();
        // The formulas were exported (quoted), so the checks above saw them.
        assertThat(everything.toString()).contains("'=HYPERLINK", "'+cmd|", "'@SUM(1+1)-");
    }

    @Test
    void noFilterRunsTheSqlItIsGiven() {
        SoftAssertions softly = new SoftAssertions();
        int attacked = 0;
        for (Route route : routes()) {
            for (JsonNode parameter : route.operation().path("parameters")) {
                String name = parameter.path("name").asString();
                if (!"query".equals(parameter.path("in").asString()) || List.of("format", "page", "size", "limit").contains(name)) {
                    continue;
                }
                attacked++;
                Answer nothing = get(route, fill(route, Map.of(name, "zz-none-" + UUID.randomUUID())));
                for (String payload : SQL) {
                    String url = route.base() + fill(route, Map.of(name, payload));
                    Answer answer = get(route, fill(route, Map.of(name, payload)));
                    softly.assertThat(answer.status()).as(url + ": " + answer.body()).isLessThan(500);
                    if (answer.status() >= 400) {
                        softly.assertThat(answer.body()).as(url).startsWith("{\"error\":");
                    } else if (nothing.status() == 200) {
                        softly.assertThat(rows(answer.body())).as(url + " finds more than a value that matches nothing")
                                .isLessThanOrEqualTo(rows(nothing.body()));
                    }
                }
            }
        }
        softly.assertAll();
        assertThat(attacked).as("query parameters attacked").isGreaterThan(10);
        // The stacked DROP did nothing: the console's access audit still answers.
        assertThat(get(new Route(RunningPlatform.consoleUrl(), null, "", null), "/api/access-audit?limit=1").status()).isEqualTo(200);
    }

    /** Rows found: the sum of the sizes of the answer's arrays (JSON), or its lines (CSV). */
    private static int rows(String body) {
        if (!body.startsWith("{") && !body.startsWith("[")) {
            return body.split("\r\n").length;
        }
        int[] count = {0};
        countArrays(Attacks.JSON.readTree(body), count);
        return count[0];
    }

    private static void countArrays(JsonNode node, int[] count) {
        if (node.isArray()) {
            count[0] += node.size();
        }
        node.forEach(child -> countArrays(child, count));
    }


    /** Every GET route of every service and the console, with the credential that may call it (an admin's). */
    private static List<Route> routes() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put(RunningPlatform.gatewayUrl(), RunningPlatform.ADMIN_KEY);
        services.put(RunningPlatform.ledgerUrl(), RunningPlatform.ADMIN_KEY);
        services.put(RunningPlatform.alertUrl(), RunningPlatform.ADMIN_KEY);
        services.put(RunningPlatform.paymentUrl(), RunningPlatform.ADMIN_KEY);
        services.put(RunningPlatform.consoleUrl(), null);
        List<Route> routes = new ArrayList<>();
        services.forEach((base, bearer) -> {
            Answer document = get(new Route(base, bearer, "/v3/api-docs", null), "/v3/api-docs");
            assertThat(document.status()).as(base + " OpenAPI document: " + document.body()).isEqualTo(200);
            Attacks.JSON.readTree(document.body()).path("paths").properties().forEach(path -> {
                JsonNode get = path.getValue().path("get");
                if (get.isObject()) {
                    routes.add(new Route(base, bearer, path.getKey(), get));
                }
            });
        });
        return routes;
    }

    /** The route's path and query: the formula user in every user slot, given values, other required ones "1". */
    private static String fill(Route route, Map<String, String> given) {
        String path = route.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : route.operation().path("parameters")) {
            String name = parameter.path("name").asString();
            boolean user = name.matches("(?i)(user|account)(Id)?");
            String value = given.getOrDefault(name, user ? formulaUser : switch (name) {
                // A week up to tomorrow (UTC): today's rows are in it, and no report refuses the range.
                case "from" -> java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(6).toString();
                case "to" -> java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
                default -> "1";
            });
            if ("path".equals(parameter.path("in").asString())) {
                path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else if ("query".equals(parameter.path("in").asString())
                    && (given.containsKey(name) || user || parameter.path("required").asBoolean())) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }
}
