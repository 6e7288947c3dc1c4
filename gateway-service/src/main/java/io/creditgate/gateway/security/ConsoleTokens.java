package io.creditgate.gateway.security;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
import io.creditgate.schemas.identity.Role;
import io.creditgate.schemas.identity.UserId;

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
        String email = jwt.getClaimAsString(CreditgateToken.EMAIL);
        String actor = email != null && !email.isBlank() ? email : jwt.getSubject();
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : strings(jwt.getClaim(CreditgateToken.ROLES))) {
            Role role = Role.fromClaim(name);
            if (role != null) {
                roles.add(role);
            }
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (String account : strings(jwt.getClaim(CreditgateToken.ACCOUNTS))) {
            if (UserId.isValid(account)) {
                accounts.add(account);
            }
        }
        return new Caller(actor == null ? "unknown" : actor, roles, accounts);
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return claim instanceof String single ? List.of(single) : List.of();
    }
}
