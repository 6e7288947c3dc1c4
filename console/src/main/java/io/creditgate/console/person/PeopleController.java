package io.creditgate.console.person;

import java.util.List;
import java.util.Set;

import io.creditgate.console.web.Actor;
import io.creditgate.web.ApiException;
import io.creditgate.schemas.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/people}: admin manages people; finance reads them. */
@RestController
class PeopleController {

    private static final int LIMIT_MAX = 500;

    private final People people;
    private final PeopleService service;

    PeopleController(People people, PeopleService service) {
        this.people = people;
        this.service = service;
    }

    record CreatePerson(String email, String name, List<String> roles, List<String> accounts) {
    }

    record ChangeRoles(List<String> roles) {
    }

    record ChangeAccounts(List<String> accounts) {
    }

    @GetMapping("/api/people")
    List<PersonView> search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + LIMIT_MAX + ".");
        }
        return people.search(q == null || q.isBlank() ? null : q.strip(), limit).stream().map(PersonView::of).toList();
    }

    @GetMapping("/api/people/{id}")
    PersonView one(@PathVariable String id) {
        return PersonView.of(service.existing(id));
    }

    @PostMapping("/api/people")
    @ResponseStatus(HttpStatus.CREATED)
    PersonView create(@RequestBody CreatePerson body, Authentication auth, HttpServletRequest request) {
        return PersonView.of(service.create(body.email(), body.name(), roles(body.roles()), body.accounts(),
                Actor.of(auth, request)));
    }

    @PutMapping("/api/people/{id}/roles")
    PersonView roles(@PathVariable String id, @RequestBody ChangeRoles body, Authentication auth, HttpServletRequest request) {
        return PersonView.of(service.changeRoles(id, roles(body.roles()), Actor.of(auth, request)));
    }

    @PutMapping("/api/people/{id}/accounts")
    PersonView accounts(@PathVariable String id, @RequestBody ChangeAccounts body, Authentication auth,
                        HttpServletRequest request) {
        return PersonView.of(service.changeAccounts(id, body.accounts(), Actor.of(auth, request)));
    }

    @PostMapping("/api/people/{id}/disable")
    PersonView disable(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return PersonView.of(service.setStatus(id, Person.Status.DISABLED, Actor.of(auth, request)));
    }

    @PostMapping("/api/people/{id}/enable")
    PersonView enable(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return PersonView.of(service.setStatus(id, Person.Status.ACTIVE, Actor.of(auth, request)));
    }

    /** Role names as in tokens ("admin"); an unknown one is a clear 400 here (only tokens ignore unknown roles). */
    static Set<Role> roles(List<String> names) {
        Set<Role> roles = PeopleService.withUser(null);
        if (names != null) {
            for (String name : names) {
                Role role = Role.fromClaim(name);
                if (role == null) {
                    throw ApiException.badRequest("role_unknown", "Unknown role '" + name + "': use user, admin or finance.");
                }
                roles.add(role);
            }
        }
        return roles;
    }
}
