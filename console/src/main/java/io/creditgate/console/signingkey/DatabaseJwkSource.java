package io.creditgate.console.signingkey;

import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.stereotype.Component;

/**
 * The JWK source of the Authorization Server and of the encoder: the published keys read from the database on each
 * call (two rows), so a rotation on one instance is seen by every instance at once. The signer always names the
 * key id in the header, so exactly one key matches when signing; the JWKS endpoint selects all.
 */
@Component
public class DatabaseJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;

    DatabaseJwkSource(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> published = new ArrayList<>(keys.published());
        if (published.isEmpty()) {
            published.add(keys.current());
        }
        return selector.select(new JWKSet(published));
    }
}
