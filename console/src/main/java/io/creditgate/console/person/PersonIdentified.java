package io.creditgate.console.person;

import org.springframework.security.core.Authentication;

/** A signed-in principal that is a console person (built-in or federated). */
public interface PersonIdentified {

    String personId();

    /** The person id behind an authentication, or null when it is not a person (an API token, anonymous). */
    static String personIdOf(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof PersonIdentified person) {
            return person.personId();
        }
        return null;
    }
}
