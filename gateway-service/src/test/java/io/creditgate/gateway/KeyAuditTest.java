package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import io.creditgate.platform.embedded.LocalPostgres;
import tools.jackson.databind.JsonNode;

/**
 * Key creation and revocation are recorded with the authenticated actor (never a header), read back by admin and
 * finance at {@code GET /api/keys/audit}, and the log cannot be rewritten: PostgreSQL refuses UPDATE, DELETE and
 * TRUNCATE on it.
 */
class KeyAuditTest extends KeysTestBase {

    @Test
    void creationAndRevocationAreAuditedWithTheAuthenticatedActor() {
        String user = newUser();
        HttpResponse<String> created = keyApi("POST", "/api/keys", Console.admin(),
                "{\"userId\":\"" + user + "\",\"name\":\"ci\",\"budgetCredits\":5000}");
        String id = json(created.body()).get("id").asString();
        // The header of the old admin API means nothing now.
        HttpResponse<String> revoked = send(withTimeout(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/api/keys/" + id))
                .header("Authorization", "Bearer " + Console.user(user)).header("X-Creditgate-Actor", "someone-else")
                .DELETE().build()));
        keyApi("DELETE", "/api/keys/" + id, ADMIN_KEY, null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(revoked.statusCode()).isEqualTo(200);
        List<JsonNode> entries = auditOf(id, Console.finance());
        // Newest first; revoking a revoked key again records nothing.
        assertThat(entries).hasSize(2);
        JsonNode revocation = entries.get(0);
        JsonNode creation = entries.get(1);
        assertThat(creation.get("action").asString()).isEqualTo("created");
        assertThat(creation.get("actor").asString()).isEqualTo("p-admin@example.com");
        assertThat(creation.get("userId").asString()).isEqualTo(user);
        assertThat(creation.get("name").asString()).isEqualTo("ci");
        assertThat(creation.get("budgetCredits").asLong()).isEqualTo(5000);
        assertThat(creation.get("at").asString()).isEqualTo(json(created.body()).get("createdAt").asString());
        assertThat(revocation.get("action").asString()).isEqualTo("revoked");
        assertThat(revocation.get("actor").asString()).isEqualTo("p-" + user + "@example.com");
        assertThat(revocation.get("at").asString()).isEqualTo(json(revoked.body()).get("revokedAt").asString());
    }

    @Test
    void theBootstrapAdminKeyIsAuditedAsSuch() {
        String id = createKey(newUser(), null).get("id").asString();

        assertThat(auditOf(id, Console.admin())).singleElement()
                .satisfies(entry -> assertThat(entry.get("actor").asString()).isEqualTo("bootstrap-admin-key"));
    }

    @Test
    void theAuditIsPagedNewestFirstAndOnlyForAdminAndFinance() {
        createKey(newUser(), null);
        createKey(newUser(), null);

        JsonNode first = json(keyApi("GET", "/api/keys/audit?size=1", ADMIN_KEY, null).body());
        JsonNode second = json(keyApi("GET", "/api/keys/audit?size=1&page=1", ADMIN_KEY, null).body());

        assertThat(first.get("data")).hasSize(1);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(first.at("/data/0/id").asLong()).isGreaterThan(second.at("/data/0/id").asLong());
        assertThat(keyApi("GET", "/api/keys/audit", Console.user(newUser()), null).statusCode()).isEqualTo(403);
        assertThat(keyApi("GET", "/api/keys/audit", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> badSize = keyApi("GET", "/api/keys/audit?size=100000", ADMIN_KEY, null);
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(errorCode(badSize)).isEqualTo("invalid_size");
        assertThat(errorCode(keyApi("GET", "/api/keys/audit?page=-1", ADMIN_KEY, null))).isEqualTo("invalid_page");
    }

    @Test
    void theAuditLogIsAppendOnlyInPostgres() throws SQLException {
        createKey(newUser(), null);
        try (Connection db = DriverManager.getConnection(databaseUrl(), LocalPostgres.shared().username(),
                LocalPostgres.shared().password()); Statement sql = db.createStatement()) {
            long rows = count(sql);

            assertThatThrownBy(() -> sql.executeUpdate("UPDATE key_audit SET actor = 'nobody'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM key_audit"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("TRUNCATE key_audit"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThat(count(sql)).isEqualTo(rows).isPositive();
            assertThat(sql.executeQuery("SELECT count(*) FROM key_audit WHERE actor = 'nobody'")).satisfies(result -> {
                result.next();
                assertThat(result.getLong(1)).isZero();
            });
        }
    }

    private static long count(Statement sql) throws SQLException {
        try (var result = sql.executeQuery("SELECT count(*) FROM key_audit")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The audit lines of one key, newest first, from the largest page (other tests write to the same log). */
    private List<JsonNode> auditOf(String keyId, String bearer) {
        HttpResponse<String> page = keyApi("GET", "/api/keys/audit?size=500", bearer, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(json(page.body()).get("data").spliterator(), false)
                .filter(entry -> keyId.equals(entry.get("keyId").asString())).toList();
    }
}
