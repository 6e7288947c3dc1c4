package io.creditgate.console.federation;

import io.creditgate.console.ConsoleProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * The organisation's IdP as an OAuth2 client registration named {@code idp}, present only when
 * {@code creditgate.console.oidc.issuer-uri} is set. Its discovery document is read at start (like Boot's own
 * {@code spring.security.oauth2.client} does), so a wrong issuer fails the start instead of the first sign-in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${creditgate.console.oidc.issuer-uri:}'.isBlank()")
class FederationConfiguration {

    static final String REGISTRATION_ID = "idp";

    @Bean
    ClientRegistrationRepository clientRegistrations(OidcProperties oidc, ConsoleProperties properties) {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuerUri()).registrationId(REGISTRATION_ID)
                .clientId(oidc.clientId()).clientSecret(oidc.clientSecret()).clientName(oidc.name())
                .scope("openid", "profile", "email")
                .redirectUri(properties.issuer() + "/login/oauth2/code/" + REGISTRATION_ID).build();
        return new InMemoryClientRegistrationRepository(registration);
    }
}
