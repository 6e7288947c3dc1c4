package io.creditgate.console.person;

import java.util.List;

import io.creditgate.console.web.Actor;
import io.creditgate.console.web.ApiException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the browser's session (or the API token's creator) is. */
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
        return new Me(person.id(), person.email(), person.name(), PeopleService.claimValues(actor.roles()), person.accounts(), via);
    }
}
