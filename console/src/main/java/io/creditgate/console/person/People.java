package io.creditgate.console.person;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.creditgate.schemas.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The person table. Emails are compared case-insensitively everywhere (the unique index is on lower(email)). */
@Repository
public class People {

    private static final String COLUMNS = "id, email, name, password_hash, roles, idp_roles, accounts, status, idp_issuer, "
            + "idp_subject, failed_attempts, locked_until, created_at";

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String newId() {
        return "p-" + UUID.randomUUID();
    }

    public Optional<Person> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE id = ?").param(id).query(People::map).optional();
    }

    public Optional<Person> byEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE lower(email) = lower(?)").param(email).query(People::map)
                .optional();
    }

    public Optional<Person> byIdp(String issuer, String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE idp_issuer = ? AND idp_subject = ?").params(issuer, subject)
                .query(People::map).optional();
    }

    /** People whose email or name contains {@code query} (all when null), by email. */
    public List<Person> search(String query, int limit) {
        String like = query == null ? null : "%" + query.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE CAST(:like AS text) IS NULL "
                        + "OR lower(email) LIKE :like OR lower(name) LIKE :like ORDER BY lower(email), id LIMIT :limit")
                .param("like", like).param("limit", limit).query(People::map).list();
    }

    /** Inserts unless the email is taken; false when it was. */
    public boolean insert(Person p) {
        return jdbc.sql("INSERT INTO person (" + COLUMNS + ", updated_at) VALUES (:id, :email, :name, :hash, :roles, :idpRoles, "
                        + ":accounts, :status, :issuer, :subject, 0, NULL, :at, :at) ON CONFLICT DO NOTHING")
                .param("id", p.id()).param("email", p.email()).param("name", p.name()).param("hash", p.passwordHash())
                .param("roles", names(p.roles())).param("idpRoles", names(p.idpRoles()))
                .param("accounts", p.accounts().toArray(String[]::new)).param("status", p.status().name().toLowerCase(Locale.ROOT))
                .param("issuer", p.idpIssuer()).param("subject", p.idpSubject()).param("at", Timestamp.from(p.createdAt()))
                .update() == 1;
    }

    public void setRoles(String id, Set<Role> roles, Instant at) {
        jdbc.sql("UPDATE person SET roles = ?, updated_at = ? WHERE id = ?").params(names(roles), Timestamp.from(at), id).update();
    }

    public void setIdpLink(String id, String issuer, String subject, Set<Role> idpRoles, Instant at) {
        jdbc.sql("UPDATE person SET idp_issuer = ?, idp_subject = ?, idp_roles = ?, updated_at = ? WHERE id = ?")
                .params(issuer, subject, names(idpRoles), Timestamp.from(at), id).update();
    }

    public void setAccounts(String id, List<String> accounts, Instant at) {
        jdbc.sql("UPDATE person SET accounts = ?, updated_at = ? WHERE id = ?")
                .params(accounts.toArray(String[]::new), Timestamp.from(at), id).update();
    }

    public void setStatus(String id, Person.Status status, Instant at) {
        jdbc.sql("UPDATE person SET status = ?, updated_at = ? WHERE id = ?")
                .params(status.name().toLowerCase(Locale.ROOT), Timestamp.from(at), id).update();
    }

    /** A new password also lifts a lock: the person proved they own the mailbox. */
    public void setPassword(String id, String passwordHash, Instant at) {
        jdbc.sql("UPDATE person SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?")
                .params(passwordHash, Timestamp.from(at), id).update();
    }

    /**
     * Counts a failed sign-in for the email; the {@code maxFailures}-th in a row locks the person until {@code lockUntil}
     * (and starts the count again). Empty when no person has that email.
     */
    public Optional<Instant> countFailure(String email, int maxFailures, Instant lockUntil, Instant at) {
        return jdbc.sql("""
                        UPDATE person SET
                          locked_until = CASE WHEN failed_attempts + 1 >= :max THEN :until ELSE locked_until END,
                          failed_attempts = CASE WHEN failed_attempts + 1 >= :max THEN 0 ELSE failed_attempts + 1 END,
                          updated_at = :at
                        WHERE lower(email) = lower(:email) RETURNING COALESCE(locked_until, 'epoch'::timestamptz) AS locked_until""")
                .param("max", maxFailures).param("until", Timestamp.from(lockUntil)).param("at", Timestamp.from(at))
                .param("email", email).query((rs, n) -> rs.getTimestamp("locked_until").toInstant()).optional();
    }

    public void clearFailures(String id) {
        jdbc.sql("UPDATE person SET failed_attempts = 0 WHERE id = ? AND failed_attempts <> 0").param(id).update();
    }

    public long countActiveAdmins() {
        return jdbc.sql("SELECT count(*) FROM person WHERE status = 'active' AND ('admin' = ANY(roles) OR 'admin' = ANY(idp_roles))")
                .query(Long.class).single();
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::claimValue).sorted().toArray(String[]::new);
    }

    private static Person map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Person(rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getString("password_hash"),
                roles(rs.getArray("roles")), roles(rs.getArray("idp_roles")), List.of(strings(rs.getArray("accounts"))),
                Person.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("idp_issuer"),
                rs.getString("idp_subject"), rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(strings(array)).map(Role::fromClaim).filter(r -> r != null).forEach(roles::add);
        return roles;
    }
}
