package io.creditgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every route of the console against a stranger, a user, finance and an admin. A route missing from {@link #RULES}
 * fails the test: a new endpoint cannot ship without someone deciding who reaches it.
 */
class RouteRulesTest extends ConsoleTestBase {

    enum Access { PUBLIC, SIGNED_IN, ADMIN_OR_FINANCE, ADMIN, NOBODY }

    private static final Map<String, Access> RULES = new LinkedHashMap<>();

    static {
        RULES.put("GET /login", Access.PUBLIC);
        RULES.put("GET /forgot-password", Access.PUBLIC);
        RULES.put("POST /forgot-password", Access.PUBLIC);
        RULES.put("GET /set-password", Access.PUBLIC);
        RULES.put("POST /set-password", Access.PUBLIC);
        RULES.put("GET /", Access.SIGNED_IN);
        // The dashboard's door (its files under /app/** are resources: DashboardServingTest walks them).
        RULES.put("GET /app", Access.SIGNED_IN);
        RULES.put("GET /app/", Access.SIGNED_IN);
        // The OpenAPI document of the console's own APIs and its Swagger UI.
        RULES.put("GET /v3/api-docs", Access.SIGNED_IN);
        RULES.put("GET /v3/api-docs.yaml", Access.SIGNED_IN);
        RULES.put("GET /v3/api-docs/swagger-config", Access.SIGNED_IN);
        RULES.put("GET /swagger-ui.html", Access.SIGNED_IN);
        // The old buy page's address: sends signed-in people to the dashboard's buy page.
        RULES.put("GET /buy", Access.SIGNED_IN);
        RULES.put("GET /api/me", Access.SIGNED_IN);
        RULES.put("GET /api/people", Access.ADMIN_OR_FINANCE);
        RULES.put("GET /api/people/{id}", Access.ADMIN_OR_FINANCE);
        RULES.put("POST /api/people", Access.ADMIN);
        RULES.put("PUT /api/people/{id}/roles", Access.ADMIN);
        RULES.put("PUT /api/people/{id}/accounts", Access.ADMIN);
        RULES.put("POST /api/people/{id}/disable", Access.ADMIN);
        RULES.put("POST /api/people/{id}/enable", Access.ADMIN);
        RULES.put("POST /api/people/{id}/invitation", Access.ADMIN);
        RULES.put("GET /api/api-tokens", Access.ADMIN);
        RULES.put("POST /api/api-tokens", Access.ADMIN);
        RULES.put("DELETE /api/api-tokens/{id}", Access.ADMIN);
        RULES.put("GET /api/access-audit", Access.ADMIN_OR_FINANCE);
        RULES.put("GET /api/signing-keys", Access.ADMIN);
        RULES.put("POST /api/signing-keys/rotate", Access.ADMIN);
        // The relay's catch-all: only the services' paths below are relayed; anything else under /api is denied.
        RULES.put("GET /api/**", Access.NOBODY);
        RULES.put("POST /api/**", Access.NOBODY);
        RULES.put("GET /error", Access.PUBLIC);
        RULES.put("POST /error", Access.PUBLIC);
    }

    /** The services' paths the relay owns: any signed-in caller, the service decides the rest. */
    private static final List<String> RELAYED = List.of("/api/keys", "/api/prices/x", "/api/accounts/x", "/api/admin/accounts/x",
            "/api/admin/audit", "/api/admin/usage/x", "/api/admin/replay", "/api/plans", "/api/finance/reconciliation", "/api/notifications/x",
            "/api/users/x/preferences", "/api/admin/deliveries", "/api/payments/x");

    /** Requests with side effects the walk does not send as an admin (proven elsewhere: AuthorizationServerTest). */
    private static final Set<String> NOT_AS_ADMIN = Set.of("POST /api/signing-keys/rotate");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteHasARuleAndEachRoleGetsExactlyIt() {
        Map<String, Browser> callers = new LinkedHashMap<>();
        callers.put("stranger", withCsrfCookie(new Browser(BASE)));
        callers.put("user", invitedPerson(newEmail(), "route-walk-user-password"));
        callers.put("finance", invitedPerson(newEmail(), "route-walk-finance-password", "finance"));
        callers.put("admin", admin());

        Set<String> routes = routes();
        assertThat(routes).as("the walk sees the console's routes").hasSizeGreaterThan(20);
        assertThat(new TreeSet<>(RULES.keySet())).as("rules for routes that no longer exist").isSubsetOf(routes);
        List<String> failures = new ArrayList<>();
        for (String route : routes) {
            Access access = RULES.get(route);
            if (access == null) {
                failures.add(route + ": no rule");
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x").replace("/**", "/x");
            callers.forEach((who, browser) -> {
                if (who.equals("admin") && NOT_AS_ADMIN.contains(route)) {
                    return;
                }
                check(failures, route, who, access, browser.sendJson(method, path, "POST".equals(method) || "PUT".equals(method) ? "{}" : null));
            });
        }
        for (String path : RELAYED) {
            callers.forEach((who, browser) -> check(failures, "GET " + path, who, Access.SIGNED_IN, browser.get(path)));
        }
        // Actuator endpoints are not handler mappings: health is public, the rest admin only.
        callers.forEach((who, browser) -> {
            check(failures, "GET /actuator/health", who, Access.PUBLIC, browser.get("/actuator/health"));
            check(failures, "GET /api/../actuator/metrics", who, Access.ADMIN, browser.get("/actuator/metrics"));
            check(failures, "GET /api/../actuator/info", who, Access.ADMIN, browser.get("/actuator/info"));
            check(failures, "GET /api/../actuator/prometheus", who, Access.ADMIN, browser.get("/actuator/prometheus"));
        });
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, String route, String who, Access access, Browser.Response response) {
        boolean api = route.contains(" /api/");
        boolean allowed = switch (access) {
            case PUBLIC -> true;
            case SIGNED_IN -> !who.equals("stranger");
            case ADMIN_OR_FINANCE -> who.equals("admin") || who.equals("finance");
            case ADMIN -> who.equals("admin");
            case NOBODY -> false;
        };
        int status = response.status();
        boolean refused = status == 401 || status == 403 || (!api && status == 302 && "/login".equals(response.location()));
        if (allowed == refused) {
            failures.add(route + " as " + who + ": expected " + (allowed ? "allowed" : "refused") + ", got " + status);
        }
        if (refused && api) {
            int expected = who.equals("stranger") ? 401 : 403;
            if (status != expected) {
                failures.add(route + " as " + who + ": expected " + expected + ", got " + status);
            }
        }
    }

    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<RequestMethod> walked = methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods;
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                walked.forEach(m -> routes.add(m.name() + " " + pattern));
            }
        }
        return routes;
    }

    private static Browser withCsrfCookie(Browser browser) {
        browser.get("/login");
        return browser;
    }
}
