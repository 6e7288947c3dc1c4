package io.creditgate.console.login;

import java.util.Collection;
import java.util.List;

import io.creditgate.console.person.PersonIdentified;
import io.creditgate.console.web.Actor;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A built-in person as Spring Security's form login sees them; the hash is erased after the sign-in. */
final class PersonDetails implements UserDetails, CredentialsContainer, PersonIdentified, Actor.Named {

    private final String personId;
    private final String email;
    private String passwordHash;
    private final boolean enabled;
    private final boolean nonLocked;
    private final List<GrantedAuthority> authorities;

    PersonDetails(String personId, String email, String passwordHash, boolean enabled, boolean nonLocked,
                  List<GrantedAuthority> authorities) {
        this.personId = personId;
        this.email = email;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.nonLocked = nonLocked;
        this.authorities = authorities;
    }

    @Override
    public String personId() {
        return personId;
    }

    @Override
    public String actorName() {
        return email;
    }

    @Override
    public String actingPersonId() {
        return personId;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean isAccountNonLocked() {
        return nonLocked;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "PersonDetails[" + personId + "]";
    }
}
