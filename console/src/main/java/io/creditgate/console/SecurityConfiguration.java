package io.creditgate.console;

import java.time.Clock;

import io.creditgate.console.apitoken.ApiTokenFilter;
import io.creditgate.console.apitoken.ApiTokenService;
import io.creditgate.console.login.LoginOutcomes;
import io.creditgate.console.login.LoginThrottleFilter;
import io.creditgate.console.login.SignInMetrics;
import io.creditgate.console.person.CurrentPersonFilter;
import io.creditgate.console.person.People;
import io.creditgate.console.relay.ServiceRoutes;
import io.creditgate.console.web.JsonSecurityErrors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The console's two filter chains. The Authorization Server's endpoints (/oauth2/authorize, /oauth2/token,
 * /oauth2/jwks, /.well-known/...) come first; everything else is the browser's and the scripts' chain: every route
 * has an explicit rule and anything else is denied. APIs answer 401/403 as JSON; pages redirect to /login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ADMIN = "ADMIN";
    private static final String FINANCE = "FINANCE";

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating: stored hashes name their algorithm ({bcrypt}...), so a stronger default later needs no migration.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        });
        http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated());
        // A browser arriving at /oauth2/authorize without a session signs in first, then comes back.
        http.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, ServiceRoutes relayed, LoginOutcomes outcomes, People people,
                                ApiTokenService apiTokens, ConsoleProperties properties, Clock clock, SignInMetrics signIns,
                                ObjectProvider<ClientRegistrationRepository> idp,
                                OAuth2UserService<OidcUserRequest, OidcUser> federatedPeople) throws Exception {
        // Machine endpoints answer 401/403 as JSON; everything else is a page and redirects to the sign-in page.
        RequestMatcher api = new OrRequestMatcher(pathPattern("/api/**"), pathPattern("/actuator/**"));
        http.authorizeHttpRequests(auth -> auth
                // Pages and forms anyone reaches to sign in.
                .requestMatchers(HttpMethod.GET, "/login", "/forgot-password", "/set-password", "/favicon.ico").permitAll()
                .requestMatchers(HttpMethod.POST, "/login", "/forgot-password", "/set-password").permitAll()
                .requestMatchers("/oauth2/authorization/**", "/login/oauth2/code/**", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/").authenticated()
                // The dashboard (decision 57): its files and routes, for signed-in people only.
                .requestMatchers(HttpMethod.GET, "/app", "/app/", "/app/**").authenticated()
                // The OpenAPI document of the console's own APIs, as the services' for anyone signed in.
                .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").authenticated()
                .requestMatchers(HttpMethod.GET, "/buy").authenticated()
                .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                // The console's own APIs.
                .requestMatchers(HttpMethod.GET, "/api/me").authenticated()
                .requestMatchers(HttpMethod.GET, "/api/people", "/api/people/*").hasAnyRole(ADMIN, FINANCE)
                .requestMatchers("/api/people", "/api/people/**").hasRole(ADMIN)
                .requestMatchers("/api/api-tokens", "/api/api-tokens/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/access-audit").hasAnyRole(ADMIN, FINANCE)
                .requestMatchers("/api/signing-keys", "/api/signing-keys/**").hasRole(ADMIN)
                // The services' APIs: any signed-in caller; the owning service decides with the relayed token.
                .requestMatchers(relayed).authenticated()
                .anyRequest().denyAll());
        http.formLogin(form -> form.loginPage("/login").usernameParameter("email").passwordParameter("password")
                .successHandler(outcomes).failureHandler(outcomes));
        if (idp.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login").userInfoEndpoint(info -> info.oidcUserService(federatedPeople))
                    .successHandler(outcomes).failureHandler(outcomes));
        }
        http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        // The SPA mode: the token in a readable XSRF-TOKEN cookie for a future dashboard, the masked one in forms.
        // Script calls (Authorization: Bearer cgt_...) carry no cookie, so a cross-site page cannot forge them.
        http.csrf(csrf -> csrf.spa().ignoringRequestMatchers(request -> String.valueOf(request.getHeader("Authorization"))
                .startsWith("Bearer " + ApiTokenService.PREFIX)));
        http.exceptionHandling(errors -> errors
                .defaultAuthenticationEntryPointFor(JsonSecurityErrors.unauthorized(), api)
                .defaultAccessDeniedHandlerFor(JsonSecurityErrors.forbidden(), api)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> !api.matches(request)));
        http.headers(headers -> headers.referrerPolicy(referrer ->
                referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        http.addFilterBefore(new LoginThrottleFilter(properties, clock, signIns), UsernamePasswordAuthenticationFilter.class);
        http.addFilterAfter(new ApiTokenFilter(apiTokens), SecurityContextHolderFilter.class);
        http.addFilterAfter(new CurrentPersonFilter(people), ApiTokenFilter.class);
        return http.build();
    }
}
