package io.creditgate.web.security;

import java.util.Set;

import io.creditgate.schemas.identity.Role;

/** Who may call a route. */
public sealed interface Access {

    /** Whether {@code caller} (null when anonymous) passes, given the account the request names (null when none). */
    boolean allows(Caller caller, String requestedAccount);

    /** Anyone, also without a credential. */
    record Public() implements Access {
        @Override
        public boolean allows(Caller caller, String requestedAccount) {
            return true;
        }
    }

    /** Anyone with a valid token or the admin key. */
    record Authenticated() implements Access {
        @Override
        public boolean allows(Caller caller, String requestedAccount) {
            return caller != null;
        }
    }

    /** Callers holding one of {@code roles}. */
    record Roles(Set<Role> roles) implements Access {
        public Roles {
            roles = Set.copyOf(roles);
        }

        @Override
        public boolean allows(Caller caller, String requestedAccount) {
            return caller != null && roles.stream().anyMatch(caller::has);
        }
    }

    /**
     * The owner of the account the request names (the {@code {userId}} path variable, else the {@code userId} query
     * parameter, which must then appear exactly once), or a caller holding one of {@code roles}.
     */
    record OwnAccountOrRoles(Set<Role> roles) implements Access {
        public OwnAccountOrRoles {
            roles = Set.copyOf(roles);
        }

        @Override
        public boolean allows(Caller caller, String requestedAccount) {
            return caller != null && (roles.stream().anyMatch(caller::has) || caller.owns(requestedAccount));
        }
    }
}
