package io.creditgate.console.invitation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.audit.AccessAudit;
import io.creditgate.console.person.People;
import io.creditgate.console.person.Person;
import io.creditgate.console.person.PersonCreated;
import io.creditgate.console.web.Actor;
import io.creditgate.console.web.PageText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Invitation and reset links: issue, mail, and set the password when one comes back. */
@Service
class Invitations {

    static final int PASSWORD_CHARS_MIN = 12;
    /** bcrypt reads only the first 72 bytes: a longer password would be silently cut, so it is refused. */
    static final int PASSWORD_BYTES_MAX = 72;

    private static final Logger log = LoggerFactory.getLogger(Invitations.class);

    private final LinkTokens links;
    private final LinkMailer mailer;
    private final People people;
    private final PasswordEncoder passwords;
    private final AccessAudit audit;
    private final ConsoleProperties properties;
    private final Clock clock;
    private final MailMetrics mails;

    Invitations(LinkTokens links, LinkMailer mailer, People people, PasswordEncoder passwords, AccessAudit audit,
                ConsoleProperties properties, Clock clock, MailMetrics mails) {
        this.links = links;
        this.mailer = mailer;
        this.people = people;
        this.passwords = passwords;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.mails = mails;
    }

    @EventListener
    void onPersonCreated(PersonCreated event) {
        invite(event.person(), event.actor());
    }

    /** Mails a new invitation link; a mail failure is audited and reported, the person stays (the admin can resend). */
    boolean invite(Person person, Actor actor) {
        String token = links.issue(person.id(), LinkTokens.Purpose.INVITATION, properties.links().invitationTtl());
        try {
            mailer.sendInvitation(person, token);
            mails.count(MailMetrics.Kind.INVITATION, MailMetrics.Outcome.SENT);
            audit.record(actor.name(), "invitation_sent", person.id(), Map.of("email", person.email()), actor.clientAddress());
            return true;
        } catch (MailException e) {
            mails.count(MailMetrics.Kind.INVITATION, MailMetrics.Outcome.FAILED);
            log.warn("Could not mail the invitation of person {}: {}", person.id(), e.getMessage());
            audit.record(actor.name(), "invitation_mail_failed", person.id(), Map.of("email", person.email()), actor.clientAddress());
            return false;
        }
    }

    /** Mails a reset link when the email belongs to an active built-in person; silent otherwise (same answer either way). */
    void requestReset(String email, String clientAddress) {
        Optional<Person> person = people.byEmail(email.strip()).filter(Person::active).filter(p -> p.idpSubject() == null);
        audit.record(email.strip(), "password_reset_requested", person.map(Person::id).orElse(null),
                Map.of("known", person.isPresent()), clientAddress);
        person.ifPresent(p -> {
            try {
                mailer.sendReset(p, links.issue(p.id(), LinkTokens.Purpose.RESET, properties.links().resetTtl()));
                mails.count(MailMetrics.Kind.PASSWORD_RESET, MailMetrics.Outcome.SENT);
            } catch (MailException e) {
                mails.count(MailMetrics.Kind.PASSWORD_RESET, MailMetrics.Outcome.FAILED);
                log.warn("Could not mail the password reset of person {}: {}", p.id(), e.getMessage());
            }
        });
    }

    /** The problem with a new password, or null when it is acceptable. */
    static String passwordProblem(String password, String confirmation, PageText.Texts text) {
        if (password == null || password.length() < PASSWORD_CHARS_MIN) {
            return text.get("password.tooShort", PASSWORD_CHARS_MIN);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_BYTES_MAX) {
            return text.get("password.tooLong", PASSWORD_BYTES_MAX);
        }
        if (!password.equals(confirmation)) {
            return text.get("password.differ");
        }
        return null;
    }

    /** Uses the link and sets the password; false when the link is unknown, used or expired. */
    @Transactional
    boolean setPassword(String token, String password, String clientAddress) {
        Optional<String> personId = links.use(token);
        personId.ifPresent(id -> {
            people.setPassword(id, passwords.encode(password), clock.instant());
            audit.record(people.byId(id).map(Person::actorName).orElse(id), "password_set", id, Map.of(), clientAddress);
        });
        return personId.isPresent();
    }
}
