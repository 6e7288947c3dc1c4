package io.creditgate.web.security;

import java.util.Map;
import java.util.Objects;

import io.creditgate.schemas.identity.CreditgateToken;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A validated access token as a {@link Caller}, read by {@link CreditgateToken}: roles from {@code roles} (names Creditgate does not know are
 * ignored), accounts from {@code accounts} (ids breaking the {@code UserId} rule are ignored: they could never name
 * a ledger account), the actor from {@code email}, else {@code sub}.
 */
final class CallerFromJwt implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Map<String, Object> claims = jwt.getClaims();
        String subject = Objects.requireNonNullElse(jwt.getSubject(), "");
        String actor = Objects.requireNonNullElse(CreditgateToken.actor(claims), subject);
        return new CallerAuthentication(new Caller(actor, subject, CreditgateToken.roles(claims), CreditgateToken.accounts(claims)));
    }
}
