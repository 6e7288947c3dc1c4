package io.creditgate.console.signingkey;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's RS256 signing keys, in its database so every instance and every restart signs with the same key.
 * The newest key signs; the newest two are published in the JWKS, so tokens signed before a rotation keep
 * validating until they expire (one access-token lifetime).
 */
@Repository
public class SigningKeys {

    static final int RSA_BITS = 2048;
    /** Any constant: serialises the creation of the first key between instances starting together. */
    private static final long FIRST_KEY_LOCK = 0x43474b4559L;

    private final JdbcClient jdbc;
    private final Clock clock;

    SigningKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The key that signs now; the first one is created on first use. */
    @Transactional
    public RSAKey current() {
        List<RSAKey> keys = published();
        if (!keys.isEmpty()) {
            return keys.get(0);
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(FIRST_KEY_LOCK).query().singleRow();
        keys = published();
        return keys.isEmpty() ? insertNew() : keys.get(0);
    }

    /** The current key first, then the previous one (when there was a rotation). */
    public List<RSAKey> published() {
        return jdbc.sql("SELECT jwk FROM signing_key ORDER BY created_at DESC, kid LIMIT 2")
                .query((rs, n) -> parse(rs.getString("jwk"))).list();
    }

    /** A new key signs from now on; the one before it stays published. */
    @Transactional
    public RSAKey rotate() {
        return insertNew();
    }

    private RSAKey insertNew() {
        try {
            RSAKey key = new RSAKeyGenerator(RSA_BITS).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            jdbc.sql("INSERT INTO signing_key (kid, jwk, created_at) VALUES (?, ?, ?)")
                    .params(key.getKeyID(), key.toJSONString(), Timestamp.from(clock.instant())).update();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA signing key", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is not a JWK", e);
        }
    }
}
