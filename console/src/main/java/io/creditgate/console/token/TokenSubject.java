package io.creditgate.console.token;

import java.util.List;
import java.util.Set;

import io.creditgate.schemas.identity.Role;

/**
 * Whom an access token speaks for (io.creditgate.schemas.identity.CreditgateToken).
 *
 * @param subject  the person id (for an API token: the id of the person who created it)
 * @param tokenUse CreditgateToken.SESSION or CreditgateToken.API_TOKEN
 */
public record TokenSubject(String subject, String email, String name, Set<Role> roles, List<String> accounts, String tokenUse) {
}
