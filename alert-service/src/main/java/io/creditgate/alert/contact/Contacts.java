package io.creditgate.alert.contact;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code contact} table. */
@Repository
public class Contacts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Contacts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Contact> find(String userId) {
        return jdbc.query("SELECT * FROM contact WHERE user_id = ?", Contacts::row, userId).stream().findFirst();
    }

    /** The user's contact, or one that knows nothing (no email, no webhook) for a user never seen. */
    public Contact get(String userId) {
        return find(userId).orElseGet(() -> Contact.unknown(userId));
    }

    /**
     * Remembers the email a usage event asserted, unless the user set one through the API (theirs wins).
     *
     * @return true when the stored email changed
     */
    boolean learnEmail(String userId, String email) {
        return jdbc.update("""
                INSERT INTO contact (user_id, email, email_source, updated_at) VALUES (?, ?, 'USAGE', ?)
                ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
                WHERE contact.email_source = 'USAGE' AND contact.email IS DISTINCT FROM EXCLUDED.email
                """, userId, email, Timestamp.from(clock.instant())) > 0;
    }

    /** Writes the preferences a user chose; a webhook gets a signing secret the first time it is set. */
    Contact save(String userId, PreferencesRequest request) {
        Contact current = get(userId);
        String secret = current.webhookSecret();
        if (request.webhookUrl() != null && secret == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            secret = "whsec_" + HexFormat.of().formatHex(bytes);
        }
        String email = request.email() != null ? request.email() : current.email();
        String source = request.email() != null ? "USER" : null;
        jdbc.update("""
                INSERT INTO contact (user_id, email, email_source, locale, email_opt_out, webhook_url, webhook_format,
                                     webhook_secret, updated_at)
                VALUES (?, ?, COALESCE(?, 'USAGE'), ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email,
                    email_source = COALESCE(?, contact.email_source), locale = EXCLUDED.locale,
                    email_opt_out = EXCLUDED.email_opt_out, webhook_url = EXCLUDED.webhook_url,
                    webhook_format = EXCLUDED.webhook_format, webhook_secret = EXCLUDED.webhook_secret,
                    updated_at = EXCLUDED.updated_at
                """, userId, email, source, request.locale() != null ? request.locale() : current.locale(),
                request.emailOptOut() != null ? request.emailOptOut() : current.emailOptOut(),
                request.webhookUrl() != null ? emptyToNull(request.webhookUrl()) : current.webhookUrl(),
                (request.webhookFormat() != null ? request.webhookFormat() : current.webhookFormat()).name(),
                secret, Timestamp.from(clock.instant()), source);
        return get(userId);
    }

    private static String emptyToNull(String value) {
        return value.isBlank() ? null : value;
    }

    private static Contact row(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getString("user_id"), rs.getString("email"), rs.getString("locale"),
                rs.getBoolean("email_opt_out"), rs.getString("webhook_url"),
                Contact.WebhookFormat.valueOf(rs.getString("webhook_format")), rs.getString("webhook_secret"));
    }
}
