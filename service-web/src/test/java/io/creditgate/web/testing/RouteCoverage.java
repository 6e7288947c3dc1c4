package io.creditgate.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.creditgate.schemas.identity.Role;
import io.creditgate.web.security.AccessRules;
import io.creditgate.web.security.Caller;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The route walk: every route the running service maps (controllers, springdoc and actuator endpoints, resource
 * handlers) must match an explicit {@link AccessRules} rule, and that rule must be what the service enforces for
 * anonymous, the account's owner, another user, admin and finance. A new endpoint without a rule fails the build
 * instead of shipping open (or silently closed).
 */
public final class RouteCoverage {

    /** Boot's static-resource handlers: the services serve no static files, so these stay with the deny-all. */
    public static final Set<String> LEFT_TO_DENY_ALL = Set.of("/**", "/webjars/**");
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One mapped route: a method and a path pattern, with the handler mapping that holds it. */
    public record Route(HttpMethod method, String pattern, String source) implements Comparable<Route> {

        /** A concrete path: {@code {userId}} is {@code userId}, every other variable and wildcard a sample. */
        public String samplePath(String userId) {
            return pattern.replaceAll("\\{\\*[^}]+}", "sample")
                    .replace("{userId}", userId)
                    .replaceAll("\\{[^}]+}", "1")
                    .replace("/**", "/sample")
                    .replaceAll("(?<=/)\\*(?=/|$)", "sample")
                    .replace("*", "");
        }

        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method.name() + " " + pattern;
        }
    }

    /** Who walks the routes, and the caller the rules see for them (null: anonymous). */
    public record Identity(String name, String bearer, Caller caller) {
    }

    private RouteCoverage() {
    }

    /** Every route of the service's handler mappings, except {@link #LEFT_TO_DENY_ALL}. */
    public static List<Route> routesOf(ApplicationContext context) {
        Set<Route> routes = new TreeSet<>();
        for (Map.Entry<String, HandlerMapping> bean : context.getBeansOfType(HandlerMapping.class).entrySet()) {
            if (bean.getValue() instanceof RequestMappingInfoHandlerMapping mapping) {
                for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                    Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                    for (String pattern : info.getPatternValues()) {
                        for (HttpMethod method : declared.isEmpty() ? METHODS
                                : declared.stream().map(m -> HttpMethod.valueOf(m.name())).toList()) {
                            routes.add(new Route(method, pattern, bean.getKey()));
                        }
                    }
                }
            } else if (bean.getValue() instanceof AbstractUrlHandlerMapping urls) {
                Set<String> patterns = new LinkedHashSet<>(urls.getHandlerMap().keySet());
                urls.getPathPatternHandlerMap().keySet().forEach(pattern -> patterns.add(pattern.getPatternString()));
                patterns.stream().filter(pattern -> !LEFT_TO_DENY_ALL.contains(pattern))
                        .forEach(pattern -> routes.add(new Route(HttpMethod.GET, pattern, bean.getKey())));
            }
        }
        return List.copyOf(routes);
    }

    /** Fails listing every route that only the final deny-all matches. */
    public static void assertEveryRouteHasARule(ApplicationContext context) {
        AccessRules rules = context.getBean(AccessRules.class);
        List<Route> routes = routesOf(context);
        assertThat(routes).as("the service maps routes").isNotEmpty();
        List<Route> uncovered = routes.stream()
                .filter(route -> rules.ruleFor(route.method(), route.samplePath("sample-user")).isEmpty())
                .toList();
        assertThat(uncovered).as("routes without an explicit access rule (add one to the service's AccessRules)").isEmpty();
    }

    /** The five callers of the walk: anonymous, the owner of {@code self}, the owner of {@code other}, admin, finance. */
    public static List<Identity> identities(TestTokens tokens, String self, String other) {
        return List.of(
                new Identity("anonymous", null, null),
                new Identity("user-self", tokens.user(self), new Caller(self, self, Set.of(Role.USER), Set.of(self))),
                new Identity("user-other", tokens.user(other), new Caller(other, other, Set.of(Role.USER), Set.of(other))),
                new Identity("admin", tokens.admin(), new Caller("admin", "admin", Set.of(Role.ADMIN), Set.of())),
                new Identity("finance", tokens.finance(), new Caller("finance", "finance", Set.of(Role.FINANCE), Set.of())));
    }

    /**
     * Calls every route as every identity (about {@code self}'s account: path and {@code userId} query) and returns
     * the answers that contradict the rule: refused (401/403) where the rule allows, or not refused, or refused
     * with the wrong status (anonymous 401, others 403), where it denies. POST/PUT/PATCH carry an empty JSON
     * body, so writes fail validation after the authorization check instead of changing anything.
     */
    public static List<String> walk(ApplicationContext context, int port, List<Identity> identities, String self) {
        AccessRules rules = context.getBean(AccessRules.class);
        List<String> wrong = new ArrayList<>();
        for (Route route : routesOf(context)) {
            String path = route.samplePath(self);
            Optional<AccessRules.Rule> rule = rules.ruleFor(route.method(), path);
            for (Identity identity : identities) {
                boolean allowed = rule.isPresent() && rule.get().access().allows(identity.caller(), self);
                int status = call(port, route.method(), path + (path.contains("?") ? "&" : "?") + "userId=" + self,
                        identity.bearer());
                boolean refused = status == 401 || status == 403;
                int expectedRefusal = identity.caller() == null ? 401 : 403;
                if (allowed ? refused : status != expectedRefusal) {
                    wrong.add(route + " as " + identity.name() + ": " + status + ", rule "
                            + rule.map(Object::toString).orElse("deny-all") + " says "
                            + (allowed ? "allowed" : String.valueOf(expectedRefusal)));
                }
            }
        }
        return wrong;
    }

    private static int call(int port, HttpMethod method, String path, String bearer) {
        HttpRequest.BodyPublisher body = method == HttpMethod.GET || method == HttpMethod.DELETE
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).method(method.name(), body).header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(route(method, path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String route(HttpMethod method, String path) {
        return method.name() + " " + path;
    }
}
