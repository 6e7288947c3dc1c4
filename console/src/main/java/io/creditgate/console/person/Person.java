package io.creditgate.console.person;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.creditgate.schemas.identity.Role;

/**
 * Someone who signs in to Creditgate.
 *
 * @param id           stable person id ({@code p-<uuid>}), the tokens' {@code sub}
 * @param email        unique whatever its case; null only for a federated person whose IdP sends none
 * @param roles        assigned in Creditgate
 * @param idpRoles     mapped from the IdP's claims at the last federated sign-in (replaced each time)
 * @param accounts     the ledger user ids this person owns
 * @param lockedUntil  null when not locked
 */
public record Person(String id, String email, String name, String passwordHash, Set<Role> roles, Set<Role> idpRoles,
                     List<String> accounts, Status status, String idpIssuer, String idpSubject, int failedAttempts,
                     Instant lockedUntil, Instant createdAt) {

    public enum Status { ACTIVE, DISABLED }

    /** What the person may do: their own roles and those their IdP gives them. */
    public Set<Role> effectiveRoles() {
        Set<Role> all = EnumSet.noneOf(Role.class);
        all.addAll(roles);
        all.addAll(idpRoles);
        return all;
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Without the password hash: a record's toString ends up in debug logs. */
    @Override
    public String toString() {
        return "Person[" + id + ", " + email + ", roles=" + effectiveRoles() + ", accounts=" + accounts + ", " + status + "]";
    }

    /** How the audit and the services name this person as an actor. */
    public String actorName() {
        return email != null ? email : id;
    }
}
