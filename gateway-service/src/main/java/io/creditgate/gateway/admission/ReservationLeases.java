package io.creditgate.gateway.admission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.limits.LimitsProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps this gateway's reservations alive while their calls run: every {@code lease-renewal} it gives each
 * reservation still in flight the time now in Redis ({@code renew.lua}), so {@code reservation-ttl} has to outlast a
 * few renewals, not the longest call. A gateway that dies stops renewing: its reservations expire within
 * {@code reservation-ttl} and the user's next reserve or the sweeper releases them. (With a TTL that had to outlast
 * the longest stream, the fault suite found users' credits held for 15 minutes after a gateway's {@code kill -9}.)
 *
 * <p>A reservation is renewed at most for the longest call the gateway allows ({@code limits.stream-duration}): one
 * whose call never ended here expires like a dead gateway's, so a missed {@link #ended} cannot hold credits forever.
 */
@Component
class ReservationLeases implements SmartLifecycle {

    /** Users renewed at once: enough to keep the connection busy, few enough not to crowd out admission. */
    private static final int CONCURRENT_RENEWALS = 8;

    private record Lease(UserId user, long heldSinceNanos) {
    }

    private final CreditReservations reservations;
    private final long longestCallNanos;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    /** Every {@code lease-renewal}; reservation-ttl outlasts at least two, so one skipped costs nothing. */
    private final RepeatingPass renewals;

    ReservationLeases(CreditReservations reservations, AdmissionProperties properties, LimitsProperties limits) {
        this.reservations = reservations;
        this.longestCallNanos = limits.streamDuration().toNanos();
        this.renewals = new RepeatingPass("Reservation renewal", properties.leaseRenewal(), this::renewOnce);
    }

    /** The call {@code eventId} of {@code user} holds a reservation in Redis until {@link #ended}. */
    void held(UserId user, String eventId) {
        leases.put(eventId, new Lease(user, System.nanoTime()));
    }

    /** The call settled or released its reservation: no more renewals. */
    void ended(String eventId) {
        leases.remove(eventId);
    }

    int held() {
        return leases.size();
    }

    /** One renewal of every lease younger than the longest call; emits how many reservations Redis renewed. */
    Mono<Long> renewOnce() {
        long now = System.nanoTime();
        Map<UserId, List<String>> byUser = new HashMap<>();
        leases.forEach((eventId, lease) -> {
            if (now - lease.heldSinceNanos() > longestCallNanos) {
                leases.remove(eventId, lease);
            } else {
                byUser.computeIfAbsent(lease.user(), user -> new ArrayList<>()).add(eventId);
            }
        });
        return Flux.fromIterable(byUser.entrySet())
                .flatMap(user -> reservations.renew(user.getKey(), user.getValue()), CONCURRENT_RENEWALS)
                .reduce(0L, Long::sum);
    }

    @Override
    public void start() {
        renewals.start();
    }

    @Override
    public void stop() {
        renewals.stop();
    }

    @Override
    public boolean isRunning() {
        return renewals.isRunning();
    }
}
