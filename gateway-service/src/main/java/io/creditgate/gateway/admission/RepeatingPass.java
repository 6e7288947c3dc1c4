package io.creditgate.gateway.admission;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A pass over Redis every {@code interval}, one at a time: a pass still running when the next tick comes makes that
 * tick skip, and a pass that fails (Redis did not answer) is logged and tried again at the next tick. The schedule of
 * the sweeper and of the lease renewals, started and stopped with their component's lifecycle.
 */
final class RepeatingPass {

    private static final Logger log = LoggerFactory.getLogger(RepeatingPass.class);

    private final String name;
    private final Duration interval;
    private final Supplier<Mono<?>> pass;
    private volatile Disposable schedule;

    RepeatingPass(String name, Duration interval, Supplier<Mono<?>> pass) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
    }

    void start() {
        schedule = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> pass.get().onErrorResume(e -> {
                    log.debug("{} skipped: Redis did not answer ({})", name, e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    boolean isRunning() {
        return schedule != null;
    }
}
