package io.creditgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.KeyPairGenerator;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.creditgate.gateway.web.OpenAiError;
import io.creditgate.schemas.identity.Role;

/** The bootstrap admin key, what happens when nothing is configured (never open), and a console that is down. */
class BearerAuthenticationTest {

    private static final String KEY = "bootstrap-key-0123456789";

    @Test
    void theAdminKeyIsAdminAndFinanceWithItsOwnActor() {
        BearerAuthentication authentication = new BearerAuthentication(new AuthProperties(null, null, true),
                new AdminKeyProperties(KEY));

        Caller caller = Caller.of((CallerAuthentication) authentication.authenticate(bearer(KEY)).block());

        assertThat(caller.actor()).isEqualTo("bootstrap-admin-key");
        assertThat(caller.roles()).isEqualTo(Set.of(Role.ADMIN, Role.FINANCE));
        assertThat(caller.accounts()).isEmpty();
        assertThatThrownBy(() -> authentication.authenticate(bearer(KEY + "x")).block())
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void theAdminKeyTurnedOffIsRefused() {
        BearerAuthentication authentication = new BearerAuthentication(new AuthProperties(null, null, false),
                new AdminKeyProperties(KEY));

        assertThatThrownBy(() -> authentication.authenticate(bearer(KEY)).block())
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void withNeitherIssuerNorAdminKeyEveryCredentialIsRefused() {
        BearerAuthentication authentication = new BearerAuthentication(new AuthProperties(" ", null, true),
                new AdminKeyProperties(""));

        assertThatThrownBy(() -> authentication.authenticate(bearer("anything")).block())
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("accepts no credential");
        assertThatThrownBy(() -> authentication.authenticate(bearer("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).block())
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void theJwksDefaultsToTheConsolesPath() {
        assertThat(new AuthProperties("http://localhost:8084/", null, true).jwkSetUri())
                .isEqualTo("http://localhost:8084/oauth2/jwks");
        assertThat(new AuthProperties("http://console", "http://keys/jwks", true).jwkSetUri()).isEqualTo("http://keys/jwks");
        assertThat(new AuthProperties(null, null, true).tokensAccepted()).isFalse();
    }

    @Test
    void anUnreachableJwksIsThe503OfTheGatewayNotTheTokensFault() throws Exception {
        // Nothing listens on port 1: the console is down.
        BearerAuthentication authentication = new BearerAuthentication(
                new AuthProperties("http://127.0.0.1:1", null, true), new AdminKeyProperties(null));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().subject("p-1").issuer("http://127.0.0.1:1").build());
        token.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        Throwable failure = catchThrowable(() -> authentication.authenticate(bearer(token.serialize())).block());

        assertThat(failure).isInstanceOf(AuthenticationServiceException.class);
        OpenAiError error = SecurityErrors.errorOf((AuthenticationServiceException) failure);
        assertThat(error.status().value()).isEqualTo(503);
        assertThat(error.code()).isEqualTo("token_keys_unavailable");
    }

    private static BearerTokenAuthenticationToken bearer(String token) {
        return new BearerTokenAuthenticationToken(token);
    }
}
