package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.creditgate.gateway.security.ApiAccess;
import io.creditgate.schemas.identity.Role;
import reactor.core.publisher.Mono;

/**
 * Walks every route the gateway serves (its router functions and handler mappings, actuator included) against
 * anonymous, a user on their own account, a user on someone else's, admin and finance, with real console tokens.
 * A route without an explicit rule in {@link ApiAccess} and a case here fails the test, so a new endpoint cannot
 * ship open; the LibreChat path ({@code /v1/**}) must stay outside the security chain.
 */
class AdminApiAccessTest extends KeysTestBase {

    /** How to call one route for an account, and whether the route is about that account. */
    private record Case(boolean accountScoped, Function<String, HttpRequest.Builder> request) {
    }

    private final Map<String, Case> cases = Map.of(
            "GET /api/prices", new Case(false, owner -> get("/api/prices")),
            "GET /api/keys", new Case(true, owner -> get("/api/keys?userId=" + owner)),
            "POST /api/keys", new Case(true, owner -> request("/api/keys").POST(
                    HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + owner + "\",\"name\":\"matrix\"}"))),
            "DELETE /api/keys/{id}", new Case(true, owner -> request("/api/keys/" + createKey(owner, null).get("id").asString())
                    .DELETE()),
            "GET /api/keys/audit", new Case(false, owner -> get("/api/keys/audit?size=5")),
            "GET /actuator", new Case(false, owner -> get("/actuator")),
            "GET /actuator/health", new Case(false, owner -> get("/actuator/health")),
            "GET /actuator/health/{*path}", new Case(false, owner -> get("/actuator/health/liveness")),
            "GET /actuator/info", new Case(false, owner -> get("/actuator/info")),
            "GET /actuator/prometheus", new Case(false, owner -> get("/actuator/prometheus")));

    /** Cases for the remaining routes (actuator, springdoc), kept apart because Map.of stops at ten pairs. */
    private final Map<String, Case> moreCases = Map.of(
            "GET /actuator/metrics", new Case(false, owner -> get("/actuator/metrics")),
            "GET /actuator/metrics/{requiredMetricName}", new Case(false, owner -> get("/actuator/metrics/jvm.threads.live")),
            "GET /v3/api-docs", new Case(false, owner -> get("/v3/api-docs")),
            "GET /v3/api-docs.yaml", new Case(false, owner -> get("/v3/api-docs.yaml")),
            "GET /api/prices/resolve", new Case(false, owner -> get("/api/prices/resolve?model=gpt-4o")),
            "GET /api/admin/price-changes", new Case(false, owner -> get("/api/admin/price-changes?size=5")),
            "POST /api/admin/price-changes", new Case(false, owner -> request("/api/admin/price-changes").POST(
                    HttpRequest.BodyPublishers.ofString("{\"action\":\"SET\",\"model\":\"access-walk-" + owner
                            + "\",\"reason\":\"walk\",\"price\":{\"input\":1,\"output\":2}}"))));

    @Autowired
    ApplicationContext context;

    @Test
    void everySecuredRouteHasAnExplicitRuleAndAnswersEachRoleAsTheRuleSays() {
        List<String> routes = routes();
        assertThat(routes).as("the walk found the routes").contains("POST /api/keys", "GET /actuator/health", "POST /v1/chat/completions");
        List<String> failures = new ArrayList<>();
        for (String route : routes) {
            String path = route.substring(route.indexOf(' ') + 1);
            if (!secured(path)) {
                continue;
            }
            ApiAccess.Rule rule = ruleOf(route);
            Case walk = cases.containsKey(route) ? cases.get(route) : moreCases.get(route);
            if (rule == null || walk == null) {
                failures.add(route + " has no explicit rule in ApiAccess" + (rule == null ? "" : " or no case in this test"));
                continue;
            }
            checkRoute(route, rule, walk, failures);
        }
        assertThat(failures).isEmpty();
    }

    private void checkRoute(String route, ApiAccess.Rule rule, Case walk, List<String> failures) {
        String owner = newUser();
        String other = newUser();
        expect(failures, route, "anonymous", send(walk.request().apply(owner).build()),
                rule.admits(null) ? Outcome.OK : Outcome.UNAUTHENTICATED);
        expect(failures, route, "user on own account", call(walk, owner, Console.user(owner)),
                rule.admits(Set.of(Role.USER)) ? Outcome.OK : Outcome.FORBIDDEN);
        expect(failures, route, "user on another's account", call(walk, owner, Console.user(other)),
                !rule.admits(Set.of(Role.USER)) ? Outcome.FORBIDDEN : walk.accountScoped() ? Outcome.REFUSED : Outcome.OK);
        expect(failures, route, "admin", call(walk, owner, Console.admin()),
                rule.admits(Set.of(Role.ADMIN)) ? Outcome.OK : Outcome.FORBIDDEN);
        expect(failures, route, "finance", call(walk, owner, Console.finance()),
                rule.admits(Set.of(Role.FINANCE)) ? Outcome.OK : Outcome.FORBIDDEN);
        expect(failures, route, "bootstrap admin key", call(walk, owner, ADMIN_KEY), Outcome.OK);
    }

    private enum Outcome {
        OK, UNAUTHENTICATED, FORBIDDEN, REFUSED
    }

    private static void expect(List<String> failures, String route, String who, HttpResponse<String> response, Outcome outcome) {
        int status = response.statusCode();
        boolean met = switch (outcome) {
            case OK -> status >= 200 && status < 300;
            case UNAUTHENTICATED -> status == 401 && "credentials_missing".equals(errorCode(response));
            case FORBIDDEN -> status == 403 && "forbidden".equals(errorCode(response));
            // Someone else's account: 403, or 404 where the id itself is the secret (a key id).
            case REFUSED -> status == 403 || status == 404 && "key_not_found".equals(errorCode(response));
        };
        if (!met) {
            failures.add(route + " as " + who + ": expected " + outcome + ", got " + status + " " + response.body());
        }
    }

    private HttpResponse<String> call(Case walk, String owner, String bearer) {
        return send(walk.request().apply(owner).header("Authorization", "Bearer " + bearer).build());
    }

    @Test
    void aPathUnderApiThatNoRuleNamesIsDeniedToEveryone() {
        assertThat(send(get("/api/anything").build()).statusCode()).isEqualTo(401);
        HttpResponse<String> admin = send(get("/api/anything").header("Authorization", "Bearer " + Console.admin()).build());
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(errorCode(admin)).isEqualTo("forbidden");
        assertThat(send(request("/api/prices").DELETE().header("Authorization", "Bearer " + ADMIN_KEY).build()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void noSpellingOfAnAdminPathReachesItsHandlerWithoutTheChain() {
        String user = newUser();
        createKey(user, null);
        for (String path : List.of("/%61pi/keys?userId=", "/api/%6Beys?userId=", "/api//keys?userId=", "/api/keys/?userId=",
                "/v1/../api/keys?userId=", "/API/keys?userId=")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + path + user))
                    .timeout(CALL_TIMEOUT).GET().build());
            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(user);
        }
    }

    @Test
    void theLibreChatPathNeverEntersTheSecurityChain() {
        List<String> outside = routes().stream().filter(route -> !secured(route.substring(route.indexOf(' ') + 1))).toList();
        assertThat(outside).isNotEmpty().allSatisfy(route -> assertThat(route).contains(" /v1/"));

        HttpResponse<String> anonymous = post(Map.of(), chatBody("gpt-4o-mini", "hi"));

        // The hot path's own refusal, without the chain's headers.
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(errorCode(anonymous)).isEqualTo("service_key_missing");
        assertThat(anonymous.headers().firstValue("X-Frame-Options")).isEmpty();
        // A console token is not a chat credential (its own JWT check on /v1, decision 25, does not trust the console).
        HttpResponse<String> console = post(Map.of("Authorization", "Bearer " + Console.admin()), chatBody("gpt-4o-mini", "hi"));
        assertThat(console.statusCode()).isEqualTo(401);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void badTokensAre401InTheGatewaysErrorShapeAndNeverEchoedNorLogged(CapturedOutput output) {
        String user = newUser();
        Map<String, String> tokens = Map.of(
                "expired", Console.issue(Console.ISSUER_ID, "p-late", List.of("creditgate"),
                        Console.claims("late@example.com", List.of("admin"), List.of()), Duration.ofMinutes(-5)),
                "wrong issuer", Console.issue("elsewhere", "p-else", List.of("creditgate"),
                        Console.claims("else@example.com", List.of("admin"), List.of()), Duration.ofMinutes(5)),
                "wrong audience", Console.issue(Console.ISSUER_ID, "p-aud", List.of("another-api"),
                        Console.claims("aud@example.com", List.of("admin"), List.of()), Duration.ofMinutes(5)),
                "foreign key", Console.signedWithForeignKey("p-forger"),
                "not a token", "definitely-not-a-token",
                "the service key", SERVICE_KEY);
        tokens.forEach((kind, token) -> {
            HttpResponse<String> response = send(get("/api/keys?userId=" + user).header("Authorization", "Bearer " + token).build());
            assertThat(response.statusCode()).as(kind + ": " + response.body()).isEqualTo(401);
            assertThat(errorCode(response)).as(kind).isEqualTo("token_invalid");
            assertThat(json(response.body()).at("/error/type").asString()).as(kind).isEqualTo("authentication_error");
            assertThat(response.body()).as(kind).doesNotContain(token);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(kind).startsWith("application/json");
        });
        HttpResponse<String> withAdminKey = send(get("/api/keys?userId=" + user).header("Authorization", "Bearer " + ADMIN_KEY).build());
        assertThat(withAdminKey.statusCode()).isEqualTo(200);
        // Whatever the gateway logged meanwhile, no credential is in it.
        tokens.values().forEach(token -> assertThat(output.getAll()).doesNotContain(token));
        assertThat(output.getAll()).doesNotContain(ADMIN_KEY);
    }

    @Test
    void aTokenWithoutRolesReadsPricesOnlyAndUnknownRolesGrantNothing() {
        String token = Console.token("p-nobody", List.of("superuser", "ADMIN"), List.of());

        assertThat(send(get("/api/prices").header("Authorization", "Bearer " + token).build()).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/keys/audit").header("Authorization", "Bearer " + token).build()).statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/prometheus").header("Authorization", "Bearer " + token).build()).statusCode()).isEqualTo(403);
    }

    @Test
    void financeReadsAnyonesKeysButNeverWritesThem() {
        String user = newUser();
        String id = createKey(user, null).get("id").asString();

        HttpResponse<String> list = send(get("/api/keys?userId=" + user).header("Authorization", "Bearer " + Console.finance()).build());
        HttpResponse<String> create = send(request("/api/keys").header("Authorization", "Bearer " + Console.finance())
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\"}")).build());
        HttpResponse<String> revoke = send(request("/api/keys/" + id).header("Authorization", "Bearer " + Console.finance())
                .DELETE().build());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list.body()).get("data")).hasSize(1);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(revoke.statusCode()).isEqualTo(403);
        assertThat(json(keyApi("GET", "/api/keys?userId=" + user, ADMIN_KEY, null).body()).at("/data/0/revokedAt").isNull()).isTrue();
    }

    @Test
    void aUserRevokingSomeoneElsesKeyIsToldNotFoundAndTheKeyKeepsWorking() {
        String owner = newUser();
        var created = createKey(owner, null);

        HttpResponse<String> revoke = keyApi("DELETE", "/api/keys/" + created.get("id").asString(), Console.user(newUser()), null);

        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(errorCode(revoke)).isEqualTo("key_not_found");
        assertThat(json(keyApi("GET", "/api/keys?userId=" + owner, ADMIN_KEY, null).body()).at("/data/0/revokedAt").isNull()).isTrue();
        fastDemo();
        assertThat(chatWith(created.get("key").asString(), "still works").statusCode()).isEqualTo(200);
    }

    @Test
    void securedAnswersCarrySecurityHeadersAndNoCorsPermission() {
        HttpResponse<String> prices = send(get("/api/prices").header("Authorization", "Bearer " + Console.admin())
                .header("Origin", "https://evil.example").build());
        HttpResponse<String> preflight = send(request("/api/keys").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization").build());

        assertThat(prices.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(prices.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(prices.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        // Plain http here: HSTS only over https.
        assertThat(prices.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(prices.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** Every route as "METHOD pattern": router functions (the gateway's own) and handler mappings (actuator). */
    private List<String> routes() {
        Set<String> routes = new LinkedHashSet<>();
        context.getBeansOfType(RouterFunctionMapping.class).values().forEach(mapping -> {
            if (mapping.getRouterFunction() != null) {
                mapping.getRouterFunction().accept(new RouteCollector(routes));
            }
        });
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> {
                    Set<String> methods = new LinkedHashSet<>();
                    info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
                    if (methods.isEmpty()) {
                        methods.add("GET");
                    }
                    for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                        methods.forEach(method -> routes.add(method + " " + pattern.getPatternString()));
                    }
                }));
        return List.copyOf(routes);
    }

    private static boolean secured(String path) {
        return ApiAccess.SECURED_PATHS.stream().anyMatch(pattern -> matches(pattern, path));
    }

    /** The first rule that decides the route (as the chain reads them, in order); null = only deny-by-default. */
    private static ApiAccess.Rule ruleOf(String route) {
        HttpMethod method = HttpMethod.valueOf(route.substring(0, route.indexOf(' ')));
        String path = route.substring(route.indexOf(' ') + 1);
        return ApiAccess.RULES.stream()
                .filter(rule -> rule.method() == null || rule.method().equals(method))
                .filter(rule -> matches(rule.path(), samplePath(path)))
                .findFirst().orElse(null);
    }

    /** A concrete path for a pattern: each variable replaced by a sample value. */
    private static String samplePath(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "liveness").replaceAll("\\{[^}]+}", "sample");
    }

    private static boolean matches(String pattern, String path) {
        return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(samplePath(path)));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .timeout(CALL_TIMEOUT);
    }

    /** Collects "METHOD path" of each route a router function declares. */
    private static final class RouteCollector implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final Set<String> routes;
        private final List<String> prefixes = new ArrayList<>();
        private final Set<String> methods = new LinkedHashSet<>();
        private String path = "";

        RouteCollector(Set<String> routes) {
            this.routes = routes;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            path = "";
            predicate.accept(this);
            prefixes.add(path);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.remove(prefixes.size() - 1);
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            methods.clear();
            path = "";
            predicate.accept(this);
            String full = String.join("", prefixes) + path;
            (methods.isEmpty() ? Set.of("GET") : Set.copyOf(methods)).forEach(method -> routes.add(method + " " + full));
        }

        @Override
        public void resources(Function<ServerRequest, Mono<org.springframework.core.io.Resource>> lookup) {
            routes.add("GET /** (resources)");
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            routes.add("UNKNOWN " + routerFunction);
        }

        @Override
        public void method(Set<HttpMethod> httpMethods) {
            httpMethods.forEach(method -> methods.add(method.name()));
        }

        @Override
        public void path(String pattern) {
            path = pattern;
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
        }
    }
}
