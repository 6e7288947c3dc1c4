package io.creditgate.console.person;

import java.util.List;

import io.creditgate.console.web.Actor;
import io.creditgate.web.ApiException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who the browser's session is; for an API token, its creator with the token's own roles and
 * accounts (what the token reaches, not what its creator does).
 */
@RestController
class MeController {

    private final People people;

    MeController(People people) {
        this.people = people;
    }

    record Me(String id, String email, String name, List<String> roles, List<String> accounts, String via) {
    }

    @GetMapping("/api/me")
    Me me(Authentication authentication) {
        Actor actor = Actor.of(authentication, null);
        Person person = people.byId(actor.personId())
                .orElseThrow(() -> ApiException.notFound("The signed-in person no longer exists."));
        String via = PersonIdentified.personIdOf(authentication) != null ? "session" : "api_token";
        List<String> accounts = authentication.getPrincipal() instanceof Actor.Named named && named.ownAccounts() != null
                ? named.ownAccounts() : person.accounts();
        return new Me(person.id(), person.email(), person.name(), PeopleService.claimValues(actor.roles()), accounts, via);
    }
}
