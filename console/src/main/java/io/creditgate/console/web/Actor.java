package io.creditgate.console.web;

import java.util.EnumSet;
import java.util.Set;

import io.creditgate.schemas.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is acting, taken from the authenticated principal (never from a header the caller writes).
 *
 * @param name          for the audit: the person's email (else id) or {@code api-token:<name>}
 * @param personId      the person acting, or for an API token the person who created it
 * @param roles         the roles of this authentication
 * @param clientAddress where the request came from
 */
public record Actor(String name, String personId, Set<Role> roles, String clientAddress) {

    /** A principal that names itself in the audit. */
    public interface Named {
        String actorName();

        String actingPersonId();

        /**
         * The accounts this authentication reaches when they are its own (an API token's), or null for the person's
         * accounts.
         */
        default java.util.List<String> ownAccounts() {
            return null;
        }
    }

    public static Actor of(Authentication authentication, HttpServletRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof Named named) {
            return new Actor(named.actorName(), named.actingPersonId(), roles, ClientAddress.of(request));
        }
        return new Actor(authentication.getName(), null, roles, ClientAddress.of(request));
    }

    public static Actor system(String name) {
        return new Actor(name, null, EnumSet.allOf(Role.class), null);
    }
}
