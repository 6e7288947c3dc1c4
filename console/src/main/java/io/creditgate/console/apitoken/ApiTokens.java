package io.creditgate.console.apitoken;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.creditgate.schemas.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The api_token table: only the SHA-256 of each token is stored. */
@Repository
class ApiTokens {

    private static final String COLUMNS = "t.id, t.name, t.created_by, p.email AS creator_email, t.roles, t.accounts, "
            + "t.created_at, t.expires_at, t.revoked_at, t.last_used_at";

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiToken token, String hash) {
        jdbc.sql("INSERT INTO api_token (id, name, token_hash, created_by, roles, accounts, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(token.id(), token.name(), hash, token.createdBy(),
                        token.roles().stream().map(Role::claimValue).sorted().toArray(String[]::new),
                        token.accounts().toArray(String[]::new), Timestamp.from(token.createdAt()), Timestamp.from(token.expiresAt()))
                .update();
    }

    /** The token with this hash when it is neither revoked nor expired, nor its creator disabled. */
    Optional<ApiToken> usable(String hash, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token t JOIN person p ON p.id = t.created_by WHERE t.token_hash = ? "
                        + "AND t.revoked_at IS NULL AND t.expires_at > ? AND p.status = 'active'")
                .params(hash, Timestamp.from(now)).query(ApiTokens::map).optional();
    }

    void touch(String id, Instant now) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
    }

    List<ApiToken> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token t JOIN person p ON p.id = t.created_by ORDER BY t.created_at DESC")
                .query(ApiTokens::map).list();
    }

    Optional<ApiToken> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token t JOIN person p ON p.id = t.created_by WHERE t.id = ?").param(id)
                .query(ApiTokens::map).optional();
    }

    boolean revoke(String id, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").params(Timestamp.from(now), id)
                .update() == 1;
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("name"), rs.getString("created_by"), rs.getString("creator_email"),
                roles(rs.getArray("roles")), List.of((String[]) rs.getArray("accounts").getArray()),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::fromClaim).filter(r -> r != null).forEach(roles::add);
        return roles;
    }
}
