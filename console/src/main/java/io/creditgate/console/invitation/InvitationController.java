package io.creditgate.console.invitation;

import io.creditgate.console.person.PeopleService;
import io.creditgate.console.person.Person;
import io.creditgate.console.web.Actor;
import io.creditgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/people/{id}/invitation}: admin mails a new invitation link (the old ones stay single-use). */
@RestController
class InvitationController {

    private final PeopleService people;
    private final Invitations invitations;

    InvitationController(PeopleService people, Invitations invitations) {
        this.people = people;
        this.invitations = invitations;
    }

    record Sent(String personId, String email) {
    }

    @PostMapping("/api/people/{id}/invitation")
    Sent resend(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
        Person person = people.existing(id);
        if (person.email() == null || person.idpSubject() != null) {
            throw ApiException.conflict("federated", "This person signs in through the organisation's IdP.");
        }
        if (!invitations.invite(person, Actor.of(authentication, request))) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "mail_failed", "The mail server refused the invitation; try again.");
        }
        return new Sent(person.id(), person.email());
    }
}
