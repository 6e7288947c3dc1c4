package io.creditgate.gateway.jwt;

import java.util.Set;

/** Who a valid token names: the user and the roles it grants (e.g. {@code user}, {@code admin}, {@code finance}). */
public record JwtCaller(String userId, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
