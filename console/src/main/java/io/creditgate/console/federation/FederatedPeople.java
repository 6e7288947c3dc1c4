package io.creditgate.console.federation;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.creditgate.console.audit.AccessAudit;
import io.creditgate.console.person.People;
import io.creditgate.console.person.Person;
import io.creditgate.schemas.identity.Role;
import io.creditgate.schemas.identity.UserId;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Matches a person who signed in at the organisation's IdP to a console person: by the IdP's (issuer, subject); else,
 * when the IdP vouches for the email ({@code email_verified}), the built-in person with that email is linked; else a
 * new person is created with role user and the account named by the account claim. The IdP's roles (mapped) are
 * replaced at every sign-in; roles an admin assigned in Creditgate stay.
 */
@Component
class FederatedPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final People people;
    private final OidcProperties oidc;
    private final AccessAudit audit;
    private final Clock clock;

    FederatedPeople(People people, OidcProperties oidc, AccessAudit audit, Clock clock) {
        this.people = people;
        this.oidc = oidc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        String issuer = String.valueOf(user.getIssuer());
        Set<Role> idpRoles = mappedRoles(user.getClaims().get(oidc.rolesClaim()));
        Instant now = clock.instant();
        Person person = people.byIdp(issuer, user.getSubject()).or(() -> linkByEmail(user, issuer, idpRoles, now))
                .orElseGet(() -> create(user, issuer, idpRoles, now));
        if (!person.active()) {
            throw refused("account_disabled", "This person is disabled in Creditgate.");
        }
        people.setIdpLink(person.id(), issuer, user.getSubject(), idpRoles, now);
        Person current = people.byId(person.id()).orElseThrow();
        return new FederatedUser(current.id(), current.actorName(),
                current.effectiveRoles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
                user.getIdToken(), user.getUserInfo());
    }

    private Optional<Person> linkByEmail(OidcUser user, String issuer, Set<Role> idpRoles, Instant now) {
        if (user.getEmail() == null || !Boolean.TRUE.equals(user.getEmailVerified())) {
            return Optional.empty();
        }
        return people.byEmail(user.getEmail()).filter(p -> p.idpSubject() == null).map(p -> {
            audit.record(p.actorName(), "person_linked_to_idp", p.id(), Map.of("issuer", issuer, "subject", user.getSubject()), null);
            return p;
        });
    }

    private Person create(OidcUser user, String issuer, Set<Role> idpRoles, Instant now) {
        Object accountClaim = user.getClaims().get(oidc.accountClaim());
        if (accountClaim == null || !UserId.isValid(accountClaim.toString())) {
            throw refused("account_claim_invalid", "The IdP's claim " + oidc.accountClaim() + " is missing or not a valid user id.");
        }
        String name = user.getFullName() != null ? user.getFullName()
                : user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        Person person = new Person(People.newId(), user.getEmail(), name, null, EnumSet.of(Role.USER), idpRoles,
                List.of(accountClaim.toString()), Person.Status.ACTIVE, issuer, user.getSubject(), 0, null, now);
        if (!people.insert(person)) {
            throw refused("email_taken", "A Creditgate person already has this email; an admin must link them.");
        }
        audit.record(person.actorName(), "person_created", person.id(), Map.of("via", "oidc", "issuer", issuer,
                "accounts", person.accounts(), "idpRoles", idpRoles.stream().map(Role::claimValue).sorted().toList()), null);
        return person;
    }

    /** IdP role values (a list or one string) through the mapping; values without a mapping are ignored. */
    Set<Role> mappedRoles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
        for (Object value : values) {
            String mapped = oidc.roleMap().get(String.valueOf(value));
            Role role = mapped == null ? null : Role.fromClaim(mapped);
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    private static OAuth2AuthenticationException refused(String code, String message) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, message, null), message);
    }
}
