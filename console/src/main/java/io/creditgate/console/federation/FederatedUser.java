package io.creditgate.console.federation;

import java.util.Collection;

import io.creditgate.console.person.PersonIdentified;
import io.creditgate.console.web.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A person signed in through the organisation's IdP, carrying the console person they were matched to. */
final class FederatedUser extends DefaultOidcUser implements PersonIdentified, Actor.Named {

    private final String personId;
    private final String actorName;

    FederatedUser(String personId, String actorName, Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
                  OidcUserInfo userInfo) {
        super(authorities, idToken, userInfo);
        this.personId = personId;
        this.actorName = actorName;
    }

    @Override
    public String personId() {
        return personId;
    }

    @Override
    public String actorName() {
        return actorName;
    }

    @Override
    public String actingPersonId() {
        return personId;
    }

    @Override
    public String getName() {
        return actorName;
    }
}
