package io.creditgate.console.login;

import java.time.Clock;

import io.creditgate.console.person.People;
import io.creditgate.console.person.Person;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Finds a built-in person by email for the form login. A person without a password (invited, not yet set; or
 * federated) is "not found", so the answer looks the same as for an unknown email.
 */
@Component
class PersonDetailsService implements UserDetailsService {

    private final People people;
    private final Clock clock;

    PersonDetailsService(People people, Clock clock) {
        this.people = people;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        Person person = people.byEmail(email.strip()).filter(p -> p.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("No built-in person with this email"));
        return new PersonDetails(person.id(), person.email(), person.passwordHash(), person.active(),
                !person.lockedAt(clock.instant()),
                person.effectiveRoles().stream().map(r -> (org.springframework.security.core.GrantedAuthority)
                        new SimpleGrantedAuthority(r.authority())).toList());
    }
}
