package io.creditgate.gateway.security;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

import io.creditgate.schemas.identity.Role;

/**
 * Who may call which admin or key route: the one table the security chain is built from, in order (the first
 * rule whose method and path match decides). Anything no rule names is denied. Rules say which roles reach a
 * route; which accounts a {@code user} reaches (their own, the token's {@code accounts}) is checked by the
 * handler, which knows whose key an id names.
 */
public final class ApiAccess {

    /** Who passes a rule: anyone, any authenticated caller, or a caller holding one of the roles. */
    public enum Who {
        ANYONE, AUTHENTICATED, ROLES
    }

    /**
     * One rule.
     *
     * @param method the HTTP method; null = every method
     * @param path a path pattern ({@code /api/keys/{id}}, {@code /actuator/**})
     * @param roles who reaches it when {@code who} is {@link Who#ROLES}
     */
    public record Rule(HttpMethod method, String path, Who who, Set<Role> roles) {

        static Rule anyone(HttpMethod method, String path) {
            return new Rule(method, path, Who.ANYONE, Set.of());
        }

        static Rule authenticated(HttpMethod method, String path) {
            return new Rule(method, path, Who.AUTHENTICATED, Set.of());
        }

        static Rule roles(HttpMethod method, String path, Role... roles) {
            return new Rule(method, path, Who.ROLES, Set.of(roles));
        }

        /** Whether a caller with these roles passes (null = anonymous). */
        public boolean admits(Set<Role> callerRoles) {
            return switch (who) {
                case ANYONE -> true;
                case AUTHENTICATED -> callerRoles != null;
                case ROLES -> callerRoles != null && callerRoles.stream().anyMatch(roles::contains);
            };
        }
    }

    /**
     * The paths the security chain runs on; everything else ({@code /v1/**}) never enters it. {@code /v3/**} is
     * springdoc's (the OpenAPI document).
     */
    public static final List<String> SECURED_PATHS = List.of("/api/**", "/actuator/**", "/v3/**");

    public static final List<Rule> RULES = List.of(
            // Probes (Kubernetes, docker compose) call health without credentials.
            Rule.anyone(HttpMethod.GET, "/actuator/health"),
            Rule.anyone(HttpMethod.GET, "/actuator/health/**"),
            // Metrics, Prometheus and the rest tell an attacker too much.
            Rule.roles(null, "/actuator/**", Role.ADMIN),
            // Prices are not secret, but the gateway no longer answers anonymous callers on /api.
            Rule.authenticated(HttpMethod.GET, "/api/prices"),
            Rule.authenticated(HttpMethod.GET, "/api/prices/resolve"),
            // The price audit log; only admins change prices (decision 61).
            Rule.roles(HttpMethod.GET, "/api/admin/price-changes", Role.ADMIN, Role.FINANCE),
            Rule.roles(HttpMethod.POST, "/api/admin/price-changes", Role.ADMIN),
            Rule.roles(HttpMethod.GET, "/api/keys/audit", Role.ADMIN, Role.FINANCE),
            Rule.roles(HttpMethod.GET, "/api/keys", Role.USER, Role.ADMIN, Role.FINANCE),
            Rule.roles(HttpMethod.POST, "/api/keys", Role.USER, Role.ADMIN),
            Rule.roles(HttpMethod.DELETE, "/api/keys/{id}", Role.USER, Role.ADMIN),
            // The OpenAPI document (JSON, and springdoc's YAML of it) describes the routes above, not anyone's data:
            // anyone signed in, as the other services'.
            Rule.authenticated(HttpMethod.GET, "/v3/api-docs"),
            Rule.authenticated(HttpMethod.GET, "/v3/api-docs.yaml"));

    private ApiAccess() {
    }
}
