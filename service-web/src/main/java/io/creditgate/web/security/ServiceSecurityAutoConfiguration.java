package io.creditgate.web.security;

import java.util.ArrayList;
import java.util.List;

import io.creditgate.schemas.identity.CreditgateToken;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a servlet service an OAuth2 resource server with a rule on every route (decision 40): tokens of the console
 * (RS256, {@code iss} = {@code creditgate.auth.issuer}, {@code aud} containing "creditgate"), the bootstrap admin key
 * as a second credential until it is turned off, the service's {@link AccessRules} and then deny-all, 401/403 as
 * JSON. Stateless: no session, no CSRF token (no cookie is ever read), no CORS configuration (same origin only).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(AuthProperties.class)
public class ServiceSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecurityAutoConfiguration.class);

    /** A service without rules of its own: the framework's (health public, actuator admin), the rest denied. */
    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules() {
        return AccessRules.builder().build();
    }

    /**
     * The console's keys, fetched at the first token (a service starts while the console is down). Without an
     * issuer every token is refused: never open.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder creditgateJwtDecoder(AuthProperties auth) {
        if (!auth.tokensEnabled()) {
            log.warn("creditgate.auth.issuer (CREDITGATE_AUTH_ISSUER) is not set: no access token is accepted");
            return token -> {
                throw new BadJwtException("no token issuer is configured");
            };
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(auth.effectiveJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(CreditgateToken.AUDIENCE));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(auth.issuer()),
                audience));
        return decoder;
    }

    /** The admin key first (a cheap digest compare), then the JWT; a token neither accepts is a 401. */
    @Bean
    @ConditionalOnMissingBean
    AuthenticationManagerResolver<HttpServletRequest> creditgateAuthentication(AuthProperties auth, JwtDecoder decoder,
            @Value("${creditgate.admin-key:}") String adminKey) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        if (auth.adminKeyEnabled() && !adminKey.isBlank()) {
            providers.add(new AdminKeyAuthenticationProvider(adminKey));
        } else if (!adminKey.isBlank()) {
            log.info("the bootstrap admin key is turned off (creditgate.auth.admin-key-enabled=false)");
        }
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
        jwt.setJwtAuthenticationConverter(new CallerFromJwt());
        providers.add(jwt);
        AuthenticationManager manager = new ProviderManager(providers);
        return request -> manager;
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain creditgateSecurityFilterChain(HttpSecurity http, AccessRules rules,
            AuthenticationManagerResolver<HttpServletRequest> authentication) throws Exception {
        JsonSecurityErrors errors = new JsonSecurityErrors();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(requests -> {
            for (AccessRules.Rule rule : rules.rules()) {
                HttpMethod method = rule.method();
                requests.requestMatchers(method == null ? paths.matcher(rule.pattern()) : paths.matcher(method, rule.pattern()))
                        .access(new RuleAuthorization(rule.access()));
            }
            requests.anyRequest().denyAll();
        });
        http.oauth2ResourceServer(server -> server.authenticationManagerResolver(authentication)
                .authenticationEntryPoint(errors).accessDeniedHandler(errors));
        http.exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        // Bearer tokens are never sent automatically by a browser, so there is no cross-site request to forge.
        http.csrf(csrf -> csrf.disable());
        http.requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
