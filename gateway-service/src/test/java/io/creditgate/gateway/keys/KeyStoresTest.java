package io.creditgate.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.creditgate.gateway.database.GatewayDatabase;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.platform.embedded.LocalRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Virtual keys across their two stores, on a real Redis of the test's own (so it can be stopped) and a real
 * PostgreSQL: the projection restores what Redis lost and never undoes a revocation, spend survives, and while
 * Redis is down PostgreSQL answers lookups.
 */
class KeyStoresTest {

    static final LocalRedis REDIS = LocalRedis.start();
    static LettuceConnectionFactory connections;
    static ReactiveStringRedisTemplate redis;
    static KeyStore store;
    static HotKeys hotKeys;
    static KeyProjection projection;
    static VirtualKeys keys;
    static KeySpending spending;
    static VirtualKeyIdentification identification;
    static SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static JdbcClient jdbc;

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(REDIS.host(), REDIS.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(LocalPostgres.shared().createDatabase(),
                LocalPostgres.shared().username(), LocalPostgres.shared().password());
        jdbc = JdbcClient.create(dataSource);
        store = new KeyStore(new GatewayDatabase(dataSource));
        hotKeys = new HotKeys(redis);
        projection = new KeyProjection(store, hotKeys, redis, new KeysProperties(Duration.ofHours(1), Duration.ofSeconds(1)));
        keys = new VirtualKeys(store, hotKeys, projection, meters);
        spending = new KeySpending(hotKeys, store);
        identification = new VirtualKeyIdentification(hotKeys, store, projection);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
        REDIS.close();
    }

    @Test
    void projectionRestoresKeysRedisLostWithTheirSpend() {
        VirtualKeys.CreatedKey created = keys.create(user(), "restore me", 10_000L, "test").block();
        String hash = VirtualKeyFormat.sha256Hex(created.secret());
        spending.charge(hash, 1_234).block();
        projection.projectAll().block();
        assertThat(savedSpend(created.key().id())).isEqualTo(1_234);

        redis.delete(HotKeys.redisKey(hash)).block();
        projection.projectAll().block();

        HotKey restored = hotKeys.lookup(hash).block();
        assertThat(restored.userId()).isEqualTo(created.key().userId());
        assertThat(restored.spentCredits()).isEqualTo(1_234);
        assertThat(restored.budgetCredits()).isEqualTo(10_000);
        assertThat(restored.revoked()).isFalse();
        assertThat(redis.hasKey(KeyProjection.MARKER).block()).isTrue();
    }

    @Test
    void aProjectionOfAnActiveSnapshotNeverUndoesARevocation() {
        VirtualKeys.CreatedKey created = keys.create(user(), null, null, "test").block();
        String hash = VirtualKeyFormat.sha256Hex(created.secret());
        VirtualKey activeSnapshot = created.key();

        keys.revoke(created.key().id(), "test").block();
        // A projection that read PostgreSQL just before the revocation writes late.
        hotKeys.project(activeSnapshot, hash).block();

        assertThat(hotKeys.lookup(hash).block().revoked()).isTrue();
        assertThatThrownBy(() -> identification.identify(created.secret(), true).block())
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().code()).isEqualTo("key_revoked"));
    }

    @Test
    void aKeyRevokedThroughOneGatewayIsRefusedByAnotherOnItsNextCall() {
        LettuceConnectionFactory otherConnections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(REDIS.host(), REDIS.port()));
        otherConnections.afterPropertiesSet();
        otherConnections.start();
        try {
            ReactiveStringRedisTemplate otherRedis = new ReactiveStringRedisTemplate(otherConnections);
            HotKeys otherHotKeys = new HotKeys(otherRedis);
            VirtualKeyIdentification otherGateway = new VirtualKeyIdentification(otherHotKeys, store,
                    new KeyProjection(store, otherHotKeys, otherRedis, new KeysProperties(Duration.ofHours(1),
                            Duration.ofSeconds(1))));
            VirtualKeys.CreatedKey created = keys.create(user(), null, null, "test").block();
            assertThat(otherGateway.identify(created.secret(), true).block().userId().value()).isEqualTo(created.key().userId());

            keys.revoke(created.key().id(), "test").block();

            assertThatThrownBy(() -> otherGateway.identify(created.secret(), true).block())
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().code()).isEqualTo("key_revoked"));
        } finally {
            otherConnections.destroy();
        }
    }

    @Test
    void spendOfAKeyRedisDoesNotHoldGoesToPostgresWithoutACounterThatWouldBlockItsRestore() {
        VirtualKeys.CreatedKey created = keys.create(user(), null, 500L, "test").block();
        String hash = VirtualKeyFormat.sha256Hex(created.secret());
        redis.delete(HotKeys.redisKey(hash)).block();

        spending.charge(hash, 300).block();

        assertThat(redis.hasKey(HotKeys.redisKey(hash)).block()).isFalse();
        assertThat(savedSpend(created.key().id())).isEqualTo(300);
        projection.projectAll().block();
        assertThat(hotKeys.lookup(hash).block().spentCredits()).isEqualTo(300);
    }

    @Test
    void whileRedisIsDownPostgresAnswersLookupsAndCountsSpend() {
        VirtualKeys.CreatedKey working = keys.create(user(), null, 1_000L, "test").block();
        VirtualKeys.CreatedKey revoked = keys.create(user(), null, null, "test").block();
        keys.revoke(revoked.key().id(), "test").block();
        String hash = VirtualKeyFormat.sha256Hex(working.secret());

        REDIS.stop();
        try {
            KeyOwner owner = identification.identify(working.secret(), true).block();
            assertThat(owner.userId().value()).isEqualTo(working.key().userId());
            assertThat(owner.keySha256()).isEqualTo(hash);
            assertThatThrownBy(() -> identification.identify(revoked.secret(), true).block())
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().code()).isEqualTo("key_revoked"));
            spending.charge(hash, 1_000).block();
            assertThat(savedSpend(working.key().id())).isEqualTo(1_000);
            assertThatThrownBy(() -> identification.identify(working.secret(), true).block())
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.error().status().value()).isEqualTo(402);
                        assertThat(e.error().code()).isEqualTo("key_budget_exhausted");
                    });
            // Listing the key costs nothing: an exhausted key may still do it.
            assertThat(identification.identify(working.secret(), false).block().userId().value()).isEqualTo(working.key().userId());
        } finally {
            REDIS.restart();
        }
    }

    @Test
    void revokingKeepsTheFirstRevocationTimeAndUnknownIdsAreEmpty() {
        VirtualKeys.CreatedKey created = keys.create(user(), null, null, "test").block();

        Instant first = keys.revoke(created.key().id(), "test").block().orElseThrow().revokedAt();
        Instant second = keys.revoke(created.key().id(), "test").block().orElseThrow().revokedAt();

        assertThat(second).isEqualTo(first);
        assertThat(first).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(keys.revoke("no-such-id", "test").block()).isEmpty();
    }

    private static long savedSpend(String id) {
        return jdbc.sql("SELECT spent_credits FROM virtual_key WHERE id = ?").param(id).query(Long.class).single();
    }

    private static String user() {
        return "user-" + UUID.randomUUID();
    }
}
