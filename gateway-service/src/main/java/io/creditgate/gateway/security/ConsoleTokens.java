package io.creditgate.gateway.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.creditgate.schemas.identity.CreditgateToken;

/**
 * The console's access tokens ({@link CreditgateToken}): how they are checked and what caller they name.
 */
final class ConsoleTokens {

    private ConsoleTokens() {
    }

    /**
     * RS256 only, keys from the console's JWKS (fetched on the first token, again for an unknown key id); then
     * {@code exp}/{@code nbf} (60 s skew), {@code iss} equal to the issuer, {@code aud} containing
     * {@value CreditgateToken#AUDIENCE}, and an {@code exp} at all: a token that never expires would be a
     * credential for ever.
     */
    static ReactiveJwtDecoder decoder(AuthProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(CreditgateToken.AUDIENCE));
        OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()), audience, expires));
        return decoder;
    }

    /** The caller a valid token names. Unknown role names and account ids the ledger would refuse are left out. */
    static Caller caller(Jwt jwt) {
        Map<String, Object> claims = jwt.getClaims();
        String actor = CreditgateToken.actor(claims);
        return new Caller(actor == null ? "unknown" : actor, CreditgateToken.roles(claims), CreditgateToken.accounts(claims));
    }
}
