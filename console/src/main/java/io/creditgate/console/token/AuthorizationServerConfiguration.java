package io.creditgate.console.token;

import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.person.People;
import io.creditgate.console.person.Person;
import io.creditgate.console.person.PersonIdentified;
import io.creditgate.console.signingkey.SigningKeys;
import io.creditgate.schemas.identity.CreditgateToken;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;

/**
 * Spring Authorization Server: the issuer is the console's public URL, the keys come from the database, and every
 * access token carries Creditgate's claims (CreditgateToken) for the signed-in person, read fresh at issue time.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /** The public client a future dashboard or CLI uses (authorization code with PKCE; no secret to leak). */
    static final String CONSOLE_CLIENT_ID = "creditgate-console";

    @Bean
    AuthorizationServerSettings authorizationServerSettings(ConsoleProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    RegisteredClientRepository registeredClients(ConsoleProperties properties) {
        RegisteredClient console = RegisteredClient.withId(UUID.nameUUIDFromBytes(CONSOLE_CLIENT_ID.getBytes()).toString())
                .clientId(CONSOLE_CLIENT_ID).clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(properties.issuer() + "/login/oauth2/code/creditgate")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                .build();
        return new InMemoryRegisteredClientRepository(console);
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }

    /** Needed by the OIDC user-info endpoint to read the access token back. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> creditgateClaims(SigningKeys keys, People people) {
        return context -> {
            // Two keys are published after a rotation: naming the current one makes the signer pick exactly it.
            context.getJwsHeader().keyId(keys.current().getKeyID());
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            String personId = PersonIdentified.personIdOf(context.getPrincipal());
            Person person = personId == null ? null : people.byId(personId).filter(Person::active).orElse(null);
            if (person == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", "Not an active console person", null));
            }
            CreditgateClaims.apply(context.getClaims(), new TokenSubject(person.id(), person.email(), person.name(),
                    person.effectiveRoles(), person.accounts(), CreditgateToken.SESSION));
        };
    }
}
