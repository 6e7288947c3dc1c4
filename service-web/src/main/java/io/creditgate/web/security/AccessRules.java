package io.creditgate.web.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.creditgate.schemas.identity.Role;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes of a service and who may call them, first match wins; what no rule matches is denied. A service
 * declares one as a bean:
 *
 * <pre>
 * AccessRules.builder()
 *     .get("/api/accounts/{userId}/**").ownAccountOr(Role.ADMIN, Role.FINANCE)
 *     .post("/api/admin/accounts/**").roles(Role.ADMIN)
 *     .build();
 * </pre>
 *
 * Every service gets the same rules first ({@link #FRAMEWORK_RULES}): {@code /error} (Boot's error dispatch) is
 * public, {@code /actuator/health/**} is public, every other actuator endpoint is ADMIN.
 */
public final class AccessRules {

    /** One rule: requests with {@code method} (null: any) whose path matches {@code pattern}. */
    public record Rule(HttpMethod method, String pattern, Access access) {

        private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

        public boolean matches(HttpMethod requestMethod, String path) {
            return (method == null || method.equals(requestMethod))
                    && PARSER.parse(pattern).matches(PathContainer.parsePath(path));
        }

        @Override
        public String toString() {
            return (method == null ? "ANY" : method.name()) + " " + pattern + " -> " + access;
        }
    }

    /** The path variable and query parameter naming the account a request is about. */
    public static final String USER_ID = "userId";

    public static final List<Rule> FRAMEWORK_RULES = List.of(
            new Rule(null, "/error", new Access.Public()),
            new Rule(HttpMethod.GET, "/actuator/health", new Access.Public()),
            new Rule(HttpMethod.GET, "/actuator/health/**", new Access.Public()),
            new Rule(null, "/actuator/**", new Access.Roles(Set.of(Role.ADMIN))));

    private final List<Rule> rules;

    private AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every rule in the order they are tried, the framework's first; the deny-all after them is implicit. */
    public List<Rule> rules() {
        return rules;
    }

    /** The first rule matching the request, or empty when only the final deny-all does. */
    public Optional<Rule> ruleFor(HttpMethod method, String path) {
        return rules.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }

    /** Collects a service's rules. */
    public static final class Builder {

        private final List<Rule> rules = new ArrayList<>(FRAMEWORK_RULES);

        private Builder() {
        }

        public Target get(String pattern) {
            return new Target(this, HttpMethod.GET, pattern);
        }

        public Target post(String pattern) {
            return new Target(this, HttpMethod.POST, pattern);
        }

        public Target put(String pattern) {
            return new Target(this, HttpMethod.PUT, pattern);
        }

        public Target patch(String pattern) {
            return new Target(this, HttpMethod.PATCH, pattern);
        }

        public Target delete(String pattern) {
            return new Target(this, HttpMethod.DELETE, pattern);
        }

        /** Every method: use for read-and-write families whose every method has the same audience. */
        public Target any(String pattern) {
            return new Target(this, null, pattern);
        }

        /**
         * The OpenAPI document and Swagger UI (springdoc's paths) for anyone signed in: the API's description names no
         * data; it is for people who already have access.
         */
        public Builder apiDocsForSignedIn() {
            for (String pattern : List.of("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                    "/swagger-ui/**", "/webjars/swagger-ui/**")) {
                get(pattern).authenticated();
            }
            return this;
        }

        public AccessRules build() {
            return new AccessRules(rules);
        }

        private Builder add(HttpMethod method, String pattern, Access access) {
            PathPatternParser.defaultInstance.parse(pattern); // a malformed pattern fails at start, not per request
            rules.add(new Rule(method, pattern, access));
            return this;
        }
    }

    /** A method and pattern waiting for their audience. */
    public record Target(Builder builder, HttpMethod method, String pattern) {

        public Builder publicly() {
            return builder.add(method, pattern, new Access.Public());
        }

        public Builder authenticated() {
            return builder.add(method, pattern, new Access.Authenticated());
        }

        public Builder roles(Role... roles) {
            requireSome(roles);
            return builder.add(method, pattern, new Access.Roles(Set.copyOf(Arrays.asList(roles))));
        }

        /** The owner of the {@code userId} the request names, or one of {@code roles}. */
        public Builder ownAccountOr(Role... roles) {
            return builder.add(method, pattern, new Access.OwnAccountOrRoles(Set.copyOf(Arrays.asList(roles))));
        }

        private static void requireSome(Role[] roles) {
            if (roles.length == 0) {
                throw new IllegalArgumentException("a roles rule needs at least one role");
            }
        }
    }
}
