package io.creditgate.console.person;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.creditgate.console.audit.AccessAudit;
import io.creditgate.console.web.Actor;
import io.creditgate.web.ApiException;
import io.creditgate.schemas.identity.Role;
import io.creditgate.schemas.identity.UserId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's changes to people, each checked against its rule and written to the access audit. */
@Service
public class PeopleService {

    static final int NAME_CHARS_MAX = 200;
    static final int EMAIL_CHARS_MAX = 254;
    static final int ACCOUNTS_MAX = 50;

    private final People people;
    private final AccessAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PeopleService(People people, AccessAudit audit, ApplicationEventPublisher events, Clock clock) {
        this.people = people;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A built-in person with no password yet; their default account is their email. */
    @Transactional
    public Person create(String email, String name, Set<Role> roles, List<String> accounts, Actor actor) {
        String checkedEmail = checkEmail(email);
        Set<Role> checkedRoles = withUser(roles);
        List<String> checkedAccounts = checkAccounts(accounts == null || accounts.isEmpty() ? List.of(checkedEmail) : accounts);
        Instant now = clock.instant();
        Person person = new Person(People.newId(), checkedEmail, checkName(name, checkedEmail), null, checkedRoles,
                EnumSet.noneOf(Role.class), checkedAccounts, Person.Status.ACTIVE, null, null, 0, null, now);
        if (!people.insert(person)) {
            throw ApiException.conflict("email_taken", "A person with this email exists already.");
        }
        audit.record(actor.name(), "person_created", person.id(), Map.of("email", checkedEmail,
                "roles", claimValues(checkedRoles), "accounts", checkedAccounts), actor.clientAddress());
        events.publishEvent(new PersonCreated(person, actor));
        return person;
    }

    /** Rule: every person keeps {@code user}; the last active admin keeps {@code admin}. */
    @Transactional
    public Person changeRoles(String id, Set<Role> roles, Actor actor) {
        Person person = existing(id);
        Set<Role> checked = withUser(roles);
        if (person.roles().contains(Role.ADMIN) && !checked.contains(Role.ADMIN) && person.active()
                && !person.idpRoles().contains(Role.ADMIN) && people.countActiveAdmins() <= 1) {
            throw ApiException.conflict("last_admin", "This is the last active admin; make someone else admin first.");
        }
        people.setRoles(id, checked, clock.instant());
        audit.record(actor.name(), "roles_changed", id, Map.of("from", claimValues(person.roles()), "to", claimValues(checked)),
                actor.clientAddress());
        return existing(id);
    }

    /** Rule: every account id passes the UserId rule; at least one, at most {@value #ACCOUNTS_MAX}. */
    @Transactional
    public Person changeAccounts(String id, List<String> accounts, Actor actor) {
        Person person = existing(id);
        List<String> checked = checkAccounts(accounts);
        people.setAccounts(id, checked, clock.instant());
        audit.record(actor.name(), "accounts_changed", id, Map.of("from", person.accounts(), "to", checked), actor.clientAddress());
        return existing(id);
    }

    /** Rule: nobody disables themselves (an admin cannot lock everyone out by mistake). */
    @Transactional
    public Person setStatus(String id, Person.Status status, Actor actor) {
        Person person = existing(id);
        if (status == Person.Status.DISABLED && id.equals(actor.personId())) {
            throw ApiException.conflict("self_disable", "You cannot disable yourself.");
        }
        people.setStatus(id, status, clock.instant());
        audit.record(actor.name(), status == Person.Status.DISABLED ? "person_disabled" : "person_enabled", id,
                Map.of("from", person.status().name().toLowerCase(), "to", status.name().toLowerCase()), actor.clientAddress());
        return existing(id);
    }

    public Person existing(String id) {
        return people.byId(id).orElseThrow(() -> ApiException.notFound("No person has the id " + id + "."));
    }

    static String checkEmail(String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.badRequest("email_missing", "email is required.");
        }
        String trimmed = email.strip();
        if (trimmed.length() > EMAIL_CHARS_MAX || !trimmed.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiException.badRequest("email_invalid", "email must look like name@domain (at most 254 characters).");
        }
        return trimmed;
    }

    private static String checkName(String name, String fallback) {
        String value = name == null || name.isBlank() ? fallback : name.strip();
        if (value.length() > NAME_CHARS_MAX) {
            throw ApiException.badRequest("name_too_long", "name has at most " + NAME_CHARS_MAX + " characters.");
        }
        return value;
    }

    static Set<Role> withUser(Set<Role> roles) {
        Set<Role> all = EnumSet.of(Role.USER);
        if (roles != null) {
            all.addAll(roles);
        }
        return all;
    }

    static List<String> checkAccounts(List<String> accounts) {
        if (accounts == null || accounts.isEmpty() || accounts.size() > ACCOUNTS_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "accounts_invalid",
                    "accounts must list between 1 and " + ACCOUNTS_MAX + " ledger user ids.");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String account : accounts) {
            unique.add(UserId.of(account).value());
        }
        return new ArrayList<>(unique);
    }

    static List<String> claimValues(Set<Role> roles) {
        return roles.stream().map(Role::claimValue).sorted().toList();
    }
}
