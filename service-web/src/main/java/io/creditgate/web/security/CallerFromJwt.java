package io.creditgate.web.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.creditgate.schemas.identity.CreditgateToken;
import io.creditgate.schemas.identity.Role;
import io.creditgate.schemas.identity.UserId;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A validated access token as a {@link Caller}: roles from {@code roles} (names Creditgate does not know are
 * ignored), accounts from {@code accounts} (ids breaking the {@link UserId} rule are ignored: they could never name
 * a ledger account), the actor from {@code email}, else {@code sub}.
 */
final class CallerFromJwt implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : strings(jwt, CreditgateToken.ROLES)) {
            Role role = Role.fromClaim(name);
            if (role != null) {
                roles.add(role);
            }
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (String account : strings(jwt, CreditgateToken.ACCOUNTS)) {
            if (UserId.isValid(account)) {
                accounts.add(account);
            }
        }
        String email = jwt.getClaimAsString(CreditgateToken.EMAIL);
        String subject = Objects.requireNonNullElse(jwt.getSubject(), "");
        String actor = email != null && !email.isBlank() ? email : subject;
        return new CallerAuthentication(new Caller(actor, subject, roles, accounts));
    }

    private static List<String> strings(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return value instanceof String single ? List.of(single) : List.of();
    }
}
