package io.creditgate.console.person;

import java.time.Instant;
import java.util.List;

/** A person as the APIs show them: never the password hash. */
public record PersonView(String id, String email, String name, List<String> roles, List<String> accounts, String status,
                         boolean federated, boolean passwordSet, Instant lockedUntil, Instant createdAt) {

    public static PersonView of(Person p) {
        return new PersonView(p.id(), p.email(), p.name(), PeopleService.claimValues(p.effectiveRoles()), p.accounts(),
                p.status().name().toLowerCase(), p.idpSubject() != null, p.passwordHash() != null, p.lockedUntil(), p.createdAt());
    }
}
