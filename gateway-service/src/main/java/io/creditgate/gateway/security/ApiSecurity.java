package io.creditgate.gateway.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin and key APIs as an OAuth2 resource server: one security filter chain on {@link ApiAccess#SECURED_PATHS},
 * entered through {@link ApiSecurityFilter}. The LibreChat path ({@code /v1/**}) never enters it: its credentials
 * (service key, virtual key, JWT) are checked by {@code io.creditgate.gateway.identity} without a filter chain,
 * so a chat call pays one path comparison for Spring Security (decision 43, docs/performance.md). That is why Boot's
 * {@code ReactiveWebSecurityAutoConfiguration} (which would register Spring's proxy as a filter of every request)
 * is excluded in application.yml and {@code @EnableWebFluxSecurity} is not used.
 *
 * <p>Stateless (no session, no saved request), CSRF off (no cookie authenticates anything here), CORS not
 * configured (same origin only: the console relays calls server-side), Spring Security's default headers
 * ({@code nosniff}, {@code X-Frame-Options: DENY}, {@code no-store} caching; HSTS only over https).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, AdminKeyProperties.class})
class ApiSecurity {

    /** Only the secured paths enter Spring Security. */
    @Bean
    ApiSecurityFilter apiSecurityFilter(SecurityWebFilterChain apiSecurityChain, JsonMapper json) {
        WebFilterChainProxy proxy = new WebFilterChainProxy(apiSecurityChain);
        // The firewall refuses an encoded CR, LF or NUL in the path; by default with an empty 400. Ours says why, in
        // the gateway's shape, without repeating the URL (found by the attack suite, HeaderInjectionTest).
        proxy.setExchangeRejectedHandler((exchange, rejected) -> SecurityErrors.write(json, exchange,
                OpenAiError.invalidRequest("url_rejected", "The request's URL holds characters the gateway never accepts "
                        + "(such as an encoded line break).", null)));
        return new ApiSecurityFilter(proxy);
    }

    /**
     * The chain. A bean so that Boot's default chains (actuator, resource server) back off; built from a bare
     * {@link ServerHttpSecurity} because {@code @EnableWebFluxSecurity}, which provides the prepared one, would
     * also register the global proxy.
     */
    @Bean
    SecurityWebFilterChain apiSecurityChain(AuthProperties auth, AdminKeyProperties adminKey, JsonMapper json) {
        ServerHttpSecurity http = ServerHttpSecurity.http();
        SecurityErrors errors = new SecurityErrors(json);
        ServerAuthenticationEntryPointFailureHandler failures = new ServerAuthenticationEntryPointFailureHandler(errors);
        // A JWKS the gateway cannot read is answered 503 in our shape, not rethrown as a 500.
        failures.setRethrowAuthenticationServiceException(false);
        BearerAuthentication bearer = new BearerAuthentication(auth, adminKey);
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(ApiAccess.SECURED_PATHS.toArray(String[]::new)))
                .authorizeExchange(ApiSecurity::rules)
                .oauth2ResourceServer(server -> server
                        .authenticationManagerResolver(exchange -> Mono.just(bearer))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .authenticationFailureHandler(failures))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .headers(Customizer.withDefaults())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .build();
    }

    /** {@link ApiAccess#RULES} in order, then deny everything else. */
    private static void rules(AuthorizeExchangeSpec exchanges) {
        for (ApiAccess.Rule rule : ApiAccess.RULES) {
            AuthorizeExchangeSpec.Access access = rule.method() == null
                    ? exchanges.pathMatchers(rule.path()) : exchanges.pathMatchers(rule.method(), rule.path());
            switch (rule.who()) {
                case ANYONE -> access.permitAll();
                case AUTHENTICATED -> access.authenticated();
                case ROLES -> access.hasAnyRole(rule.roles().stream().map(Enum::name).sorted().toArray(String[]::new));
            }
        }
        exchanges.anyExchange().denyAll();
    }
}
