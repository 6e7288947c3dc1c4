package io.creditgate.console.token;

import java.util.List;

import io.creditgate.schemas.identity.CreditgateToken;
import io.creditgate.schemas.identity.Role;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/** The one place that writes Creditgate's claims, for tokens of the Authorization Server and relayed ones alike. */
final class CreditgateClaims {

    private CreditgateClaims() {
    }

    static void apply(JwtClaimsSet.Builder claims, TokenSubject subject) {
        claims.subject(subject.subject());
        claims.audience(List.of(CreditgateToken.AUDIENCE));
        if (subject.email() != null) {
            claims.claim(CreditgateToken.EMAIL, subject.email());
        }
        claims.claim(CreditgateToken.NAME, subject.name());
        claims.claim(CreditgateToken.ROLES, subject.roles().stream().map(Role::claimValue).sorted().toList());
        claims.claim(CreditgateToken.ACCOUNTS, List.copyOf(subject.accounts()));
        claims.claim(CreditgateToken.TOKEN_USE, subject.tokenUse());
    }
}
