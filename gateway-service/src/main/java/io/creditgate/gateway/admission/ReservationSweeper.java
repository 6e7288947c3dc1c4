package io.creditgate.gateway.admission;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.metrics.GatewayMetrics;
import reactor.core.publisher.Mono;

/**
 * Releases the reservations that outlived their call (a gateway died between reserve and settle) for users
 * who make no call: every {@code sweep-interval} it walks the {@code pending-at} keys with SCAN (never KEYS,
 * which would block Redis) and runs {@code sweep.lua} on each. A user's own next call releases theirs inside
 * {@code reserve.lua} anyway, so the sweep only tidies up and counts what is outstanding. Every gateway
 * instance sweeps; the scripts are idempotent, so they never disagree.
 */
@Component
class ReservationSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReservationSweeper.class);
    private static final long SCAN_COUNT = 500;
    /** Users swept at once: enough to keep a SCAN page busy, few enough not to crowd out admission. */
    private static final int CONCURRENT_SWEEPS = 8;

    private final ReactiveStringRedisTemplate redis;
    private final CreditReservations reservations;
    private final AdmissionProperties properties;
    private final GatewayMetrics metrics;
    private final AtomicLong outstanding = new AtomicLong();
    private final RepeatingPass sweeps;

    ReservationSweeper(ReactiveStringRedisTemplate redis, CreditReservations reservations,
                       AdmissionProperties properties, GatewayMetrics metrics) {
        this.redis = redis;
        this.reservations = reservations;
        this.properties = properties;
        this.metrics = metrics;
        metrics.reservationsOutstanding(outstanding::get);
        this.sweeps = new RepeatingPass("Reservation sweep", properties.sweepInterval(), this::sweepOnce);
    }

    /** One pass over every user with reservations in flight; emits how many expired ones it released. */
    Mono<Long> sweepOnce() {
        ScanOptions options = ScanOptions.scanOptions().match(UserKeys.PENDING_AT_PATTERN).count(SCAN_COUNT).build();
        return redis.scan(options)
                .flatMap(reservations::sweep, CONCURRENT_SWEEPS)
                .reduce(new long[2], (total, swept) -> new long[] {total[0] + swept[0], total[1] + swept[1]})
                .map(total -> {
                    outstanding.set(total[1]);
                    metrics.reservationsExpired(total[0]);
                    if (total[0] > 0) {
                        log.info("Released {} reservations that outlived their call (not renewed for {}); {} still in flight",
                                total[0], properties.reservationTtl(), total[1]);
                    }
                    return total[0];
                });
    }

    @Override
    public void start() {
        sweeps.start();
    }

    @Override
    public void stop() {
        sweeps.stop();
    }

    @Override
    public boolean isRunning() {
        return sweeps.isRunning();
    }
}
