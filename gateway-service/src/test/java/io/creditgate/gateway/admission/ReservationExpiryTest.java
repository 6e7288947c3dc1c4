package io.creditgate.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.unit.DataSize;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.limits.LimitsProperties;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.platform.embedded.LocalRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Reservations that outlive their call (the gateway that made them died and stopped renewing them) are released: by
 * the user's next reserve, and by the sweeper for users who make no call. A running call's reservation is renewed
 * and survives the TTL. Settled costs never expire. On a real Redis of its
 * own, with the scripts the gateway runs.
 */
class ReservationExpiryTest {

    static final Duration TTL = Duration.ofSeconds(30);
    static final LocalRedis REDIS = LocalRedis.start();
    static LettuceConnectionFactory connections;
    static ReactiveStringRedisTemplate redis;
    static SimpleMeterRegistry meters;
    static CreditReservations reservations;
    static ReservationSweeper sweeper;
    static ReservationLeases leases;

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(REDIS.host(), REDIS.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        AdmissionProperties properties = new AdmissionProperties(true, "https://credits.example", 16384, TTL,
                Duration.ofSeconds(10), Duration.ofHours(1), 100_000, null);
        meters = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(meters);
        LimitsProperties limits = new LimitsProperties(DataSize.ofMegabytes(4), DataSize.ofMegabytes(64), 0, 0,
                Duration.ofSeconds(10), 20);
        reservations = new CreditReservations(redis, new StartingCreditsProperties(1_000), properties);
        sweeper = new ReservationSweeper(redis, reservations, properties, metrics);
        leases = new ReservationLeases(reservations, properties, limits);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
        REDIS.close();
    }

    @Test
    void reserveReleasesTheUsersExpiredReservationsBeforeComputingWhatIsAvailable() {
        UserId user = new UserId("reserving-user");
        reservation(user, "crashed", 1_000, TTL.plusSeconds(1));

        CreditReservations.Reservation reservation = reservations.reserve(user, "new-call", 600).block();

        assertThat(reservation.reservedCredits()).isEqualTo(600);
        assertThat(reservation.expiredReleased()).isEqualTo(1);
        assertThat(pending(user)).containsOnly(Map.entry("new-call", "600"));
    }

    @Test
    void reserveKeepsReservationsYoungerThanTheTtl() {
        UserId user = new UserId("busy-user");
        reservation(user, "in-flight", 1_000, TTL.minusSeconds(5));

        CreditReservations.Reservation reservation = reservations.reserve(user, "new-call", 600).block();

        assertThat(reservation.reservedCredits()).isEqualTo(CreditReservations.REFUSED);
        assertThat(reservation.expiredReleased()).isZero();
        assertThat(pending(user)).containsOnlyKeys("in-flight");
    }

    @Test
    void settledCostsNeverExpire() {
        UserId user = new UserId("settled-user");
        reservations.reserve(user, "call", 500).block();
        reservations.settle(user, "call", 120).block();

        assertThat(redis.opsForZSet().size(UserKeys.pendingAt(user)).block()).isZero();
        assertThat(pending(user)).containsOnly(Map.entry("call", "120"));
        assertThat(redis.opsForValue().get(UserKeys.pendingTotal(user)).block()).isEqualTo("120");
    }

    @Test
    void sweeperReleasesExpiredReservationsOfUsersWhoMakeNoCallAndCountsTheRest() {
        UserId idle = new UserId("idle-user");
        UserId active = new UserId("active-user");
        reservation(idle, "crashed-1", 300, TTL.plusMinutes(5));
        reservation(idle, "crashed-2", 200, TTL.plusSeconds(1));
        reservation(active, "in-flight", 100, Duration.ofSeconds(1));

        Long released = sweeper.sweepOnce().block();

        assertThat(released).isGreaterThanOrEqualTo(2);
        assertThat(pending(idle)).isEmpty();
        assertThat(pending(active)).containsOnlyKeys("in-flight");
        assertThat(meters.get("creditgate.reservations.expired").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("creditgate.reservations.outstanding").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRunningCallsReservationIsRenewedAndOutlivesTheTtlWhileADeadGatewaysExpires() {
        UserId user = new UserId("long-call-user");
        reservations.reserve(user, "running", 400).block();
        leases.held(user, "running");
        // A dead gateway's reservation of the same user: nobody renews it.
        reservation(user, "orphaned", 300, Duration.ZERO);
        // Both made TTL + 1 s ago, as if the call had run that long; the renewal gives the running one the time now.
        ageAll(user, TTL.plusSeconds(1));

        assertThat(leases.renewOnce().block()).isEqualTo(1);
        Long released = sweeper.sweepOnce().block();

        assertThat(released).isGreaterThanOrEqualTo(1);
        assertThat(pending(user)).containsOnlyKeys("running");
        assertThat(redis.opsForZSet().score(UserKeys.pendingAt(user), "running").block())
                .as("renewed with Redis's time now").isCloseTo(System.currentTimeMillis(), offset(5_000.0));
    }

    @Test
    void anEndedCallIsNotRenewedNorPutBack() {
        UserId user = new UserId("ended-call-user");
        reservations.reserve(user, "settled", 400).block();
        leases.held(user, "settled");
        reservations.settle(user, "settled", 120).block();
        // Settled before the gateway's ended() ran: the renewal must not bring the reservation back.
        assertThat(leases.renewOnce().block()).isZero();
        assertThat(redis.opsForZSet().size(UserKeys.pendingAt(user)).block()).isZero();
        leases.ended("settled");
        assertThat(leases.held()).isZero();
    }

    @Test
    void aLeaseIsDroppedAfterTheLongestCallTheGatewayAllows() {
        UserId user = new UserId("never-ended-user");
        ReservationLeases shortCalls = new ReservationLeases(reservations,
                new AdmissionProperties(true, "https://credits.example", 16384, TTL, Duration.ofSeconds(10),
                        Duration.ofHours(1), 100_000, null),
                new LimitsProperties(DataSize.ofMegabytes(4), DataSize.ofMegabytes(64), 0, 0, Duration.ofMillis(1), 20));
        reservations.reserve(user, "forgotten", 100).block();
        shortCalls.held(user, "forgotten");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(shortCalls.renewOnce().block()).isZero();
            assertThat(shortCalls.held()).as("a call older than stream-duration is renewed no more").isZero();
        });
    }

    @Test
    void refusesARenewalThatWouldNotSurviveOneMissedTick() {
        assertThatThrownBy(() -> new AdmissionProperties(true, "https://credits.example",
                        16384, Duration.ofSeconds(20), Duration.ofSeconds(11), Duration.ofHours(1), 100_000, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease-renewal");
    }

    /** Moves every reservation of the user {@code age} into the past, as if it had been made that long ago. */
    private static void ageAll(UserId user, Duration age) {
        redis.opsForZSet().rangeWithScores(UserKeys.pendingAt(user), Range.unbounded())
                .flatMap(entry -> redis.opsForZSet().add(UserKeys.pendingAt(user), entry.getValue(),
                        System.currentTimeMillis() - age.toMillis()))
                .blockLast();
    }

    /** A reservation as reserve.lua writes it, made {@code age} ago. */
    private static void reservation(UserId user, String eventId, long credits, Duration age) {
        redis.opsForHash().put(UserKeys.pending(user), eventId, Long.toString(credits)).block();
        redis.opsForZSet().add(UserKeys.pendingAt(user), eventId,
                System.currentTimeMillis() - age.toMillis()).block();
        redis.opsForValue().increment(UserKeys.pendingTotal(user), credits).block();
    }

    private static Map<Object, Object> pending(UserId user) {
        return redis.opsForHash().entries(UserKeys.pending(user))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }
}
