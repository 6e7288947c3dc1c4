package io.creditgate.gateway.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.database.GatewayDatabase;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The durable record of virtual keys, in PostgreSQL. Off the hot path (calls find keys in Redis); every
 * method runs its blocking JDBC work on {@link Schedulers#boundedElastic()}, never on a Netty thread. The schema
 * is migrated on first use rather than at startup, so the gateway starts and serves service-key calls while
 * PostgreSQL is down.
 */
@Component
class KeyStore {

    private static final String COLUMNS = "id, user_id, name, key_prefix, budget_credits, spent_credits, created_at, revoked_at";

    private final GatewayDatabase database;
    private final JdbcClient jdbc;

    KeyStore(GatewayDatabase database) {
        this.database = database;
        this.jdbc = JdbcClient.create(database.dataSource());
    }

    void ensureSchema() {
        database.ensureSchema();
    }

    /** Saves the key and its audit line in one statement: one is never there without the other. */
    Mono<VirtualKey> insert(VirtualKey key, String keySha256, String actor) {
        return blocking(() -> {
            jdbc.sql("WITH created AS (INSERT INTO virtual_key (id, user_id, name, key_sha256, key_prefix, budget_credits,"
                            + " spent_credits, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)"
                            + " RETURNING id, user_id, name, budget_credits, created_at)"
                            + " INSERT INTO key_audit (action, actor, key_id, user_id, key_name, budget_credits, at)"
                            + " SELECT 'created', ?, id, user_id, name, budget_credits, created_at FROM created")
                    .params(key.id(), key.userId(), key.name(), keySha256, key.prefix(), key.budgetCredits(),
                            Timestamp.from(key.createdAt()), actor)
                    .update();
            return key;
        });
    }

    Mono<List<StoredKey>> ofUser(String userId) {
        return blocking(() -> jdbc.sql("SELECT " + COLUMNS + ", key_sha256 FROM virtual_key WHERE user_id = ? ORDER BY created_at, id")
                .param(userId).query(KeyStore::stored).list());
    }

    Mono<Optional<StoredKey>> byId(String id) {
        return blocking(() -> jdbc.sql("SELECT " + COLUMNS + ", key_sha256 FROM virtual_key WHERE id = ?")
                .param(id).query(KeyStore::stored).optional());
    }

    Mono<Optional<StoredKey>> byHash(String keySha256) {
        return blocking(() -> jdbc.sql("SELECT " + COLUMNS + ", key_sha256 FROM virtual_key WHERE key_sha256 = ?")
                .param(keySha256).query(KeyStore::stored).optional());
    }

    /**
     * Marks the key revoked and audits it, in one statement; a key revoked already keeps its first revocation time
     * and gets no second audit line. Returns the key as stored now.
     */
    Mono<Optional<StoredKey>> revoke(String id, Instant at, String actor) {
        return blocking(() -> {
            jdbc.sql("WITH revoked AS (UPDATE virtual_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"
                            + " RETURNING id, user_id, name, budget_credits, revoked_at)"
                            + " INSERT INTO key_audit (action, actor, key_id, user_id, key_name, budget_credits, at)"
                            + " SELECT 'revoked', ?, id, user_id, name, budget_credits, revoked_at FROM revoked")
                    .params(Timestamp.from(at), id, actor).update();
            return jdbc.sql("SELECT " + COLUMNS + ", key_sha256 FROM virtual_key WHERE id = ?")
                    .param(id).query(KeyStore::stored).optional();
        });
    }

    /** One page of the audit log, newest first; {@code limit} rows at most from {@code offset}. */
    Mono<List<KeyAuditEntry>> audit(int offset, int limit) {
        return blocking(() -> jdbc.sql("SELECT id, action, actor, key_id, user_id, key_name, budget_credits, at"
                        + " FROM key_audit ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(limit, offset).query(KeyStore::auditEntry).list());
    }

    /** Every key, revoked ones included, for the projection into Redis. Blocking: call off the event loop. */
    List<StoredKey> allBlocking() {
        ensureSchema();
        return jdbc.sql("SELECT " + COLUMNS + ", key_sha256 FROM virtual_key ORDER BY id").query(KeyStore::stored).list();
    }

    /** Saves the spend Redis counted; never lowers what is stored. Blocking: call off the event loop. */
    void saveSpentBlocking(String id, long spentCredits) {
        jdbc.sql("UPDATE virtual_key SET spent_credits = GREATEST(spent_credits, ?) WHERE id = ?")
                .params(spentCredits, id).update();
    }

    /** Adds a call's cost directly, while Redis (which normally counts it) is unreachable. */
    Mono<Void> addSpent(String keySha256, long credits) {
        return blocking(() -> jdbc.sql("UPDATE virtual_key SET spent_credits = spent_credits + ? WHERE key_sha256 = ?")
                .params(credits, keySha256).update()).then();
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(() -> {
            ensureSchema();
            return work.call();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** A key with its hash, which only the projection and revocation need. */
    record StoredKey(VirtualKey key, String keySha256) {
    }

    private static VirtualKey key(ResultSet row, int rowNumber) throws SQLException {
        long budget = row.getLong("budget_credits");
        Long budgetCredits = row.wasNull() ? null : budget;
        Timestamp revokedAt = row.getTimestamp("revoked_at");
        return new VirtualKey(row.getString("id"), row.getString("user_id"), row.getString("name"),
                row.getString("key_prefix"), budgetCredits, row.getLong("spent_credits"),
                row.getTimestamp("created_at").toInstant(), revokedAt == null ? null : revokedAt.toInstant());
    }

    private static KeyAuditEntry auditEntry(ResultSet row, int rowNumber) throws SQLException {
        long budget = row.getLong("budget_credits");
        Long budgetCredits = row.wasNull() ? null : budget;
        return new KeyAuditEntry(row.getLong("id"), row.getString("action"), row.getString("actor"),
                row.getString("key_id"), row.getString("user_id"), row.getString("key_name"), budgetCredits,
                row.getTimestamp("at").toInstant());
    }

    private static StoredKey stored(ResultSet row, int rowNumber) throws SQLException {
        return new StoredKey(key(row, rowNumber), row.getString("key_sha256"));
    }
}
