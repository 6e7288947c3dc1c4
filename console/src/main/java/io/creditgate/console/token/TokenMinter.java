package io.creditgate.console.token;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.signingkey.SigningKeys;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Signs the short-lived access tokens the relay adds to calls to the services, with the Authorization Server's own
 * encoder and key (decision 38: the relay mints instead of running an OAuth2 client round trip against itself).
 */
@Component
public class TokenMinter {

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final ConsoleProperties properties;
    private final Clock clock;

    TokenMinter(JwtEncoder encoder, SigningKeys keys, ConsoleProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** Serializable: the relay keeps it in the session, which lives in the database. */
    public record Minted(String value, Instant expiresAt) implements java.io.Serializable {
        @Override
        public String toString() {
            return "Minted[expiresAt=" + expiresAt + "]";
        }
    }

    public Minted mint(TokenSubject subject) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(properties.issuer()).issuedAt(now).notBefore(now)
                .expiresAt(expiresAt).id(UUID.randomUUID().toString());
        CreditgateClaims.apply(claims, subject);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.current().getKeyID()).build();
        return new Minted(encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue(), expiresAt);
    }
}
