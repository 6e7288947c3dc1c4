package io.creditgate.console.invitation;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.creditgate.console.token.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time links for invitations and password resets: 256 random bits, stored only as their SHA-256, used once,
 * then never again, and refused after their lifetime.
 */
@Repository
class LinkTokens {

    enum Purpose { INVITATION, RESET }

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    LinkTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new link token for the person; the returned value is the only copy of the secret. */
    String issue(String personId, Purpose purpose, Duration ttl) {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO link_token (token_hash, person_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(Secrets.sha256(token), personId, purpose.name().toLowerCase(), Timestamp.from(now), Timestamp.from(now.plus(ttl)))
                .update();
        return token;
    }

    /** Uses the token (atomically: two concurrent uses cannot both win) and returns its person id. */
    Optional<String> use(String token) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("UPDATE link_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING person_id")
                .params(now, Secrets.sha256(token), now).query(String.class).optional();
    }
}
