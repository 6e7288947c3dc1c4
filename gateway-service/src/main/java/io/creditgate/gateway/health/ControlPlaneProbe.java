package io.creditgate.gateway.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Probes Redis (PING) and Kafka (describe cluster) in the background, every {@code probe-interval}, and keeps
 * the last answer of each; the health indicators read it without waiting.
 */
@Component
class ControlPlaneProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneProbe.class);

    /** What the last probe of one server found. */
    record State(boolean up, Instant checkedAt, String error) {
        static final State UNKNOWN = new State(false, null, "not probed yet");
    }

    private final ReactiveRedisConnectionFactory redis;
    private final Map<String, Object> adminConfig;
    private final HealthProperties properties;
    private volatile State redisState = State.UNKNOWN;
    private volatile State kafkaState = State.UNKNOWN;
    private volatile Admin admin;
    private volatile Disposable schedule;

    ControlPlaneProbe(ReactiveRedisConnectionFactory redis, KafkaProperties kafka, HealthProperties properties) {
        this.redis = redis;
        this.properties = properties;
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        int timeoutMillis = (int) properties.probeTimeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
        this.adminConfig = config;
    }

    State redis() {
        return redisState;
    }

    State kafka() {
        return kafkaState;
    }

    /** Probes both now; completes when both answered or timed out. */
    Mono<Void> probe() {
        return Mono.when(probeRedis(), probeKafka());
    }

    private Mono<Void> probeRedis() {
        return Mono.usingWhen(Mono.fromSupplier(redis::getReactiveConnection),
                        connection -> connection.ping(),
                        connection -> connection.closeLater())
                .timeout(properties.probeTimeout())
                .doOnNext(pong -> redisState = new State(true, Instant.now(), null))
                .onErrorResume(e -> {
                    redisState = new State(false, Instant.now(), e.toString());
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> probeKafka() {
        return Mono.fromCallable(() -> admin().describeCluster(
                                new DescribeClusterOptions().timeoutMs((int) properties.probeTimeout().toMillis()))
                        .clusterId().get())
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(clusterId -> kafkaState = new State(true, Instant.now(), null))
                .onErrorResume(e -> {
                    kafkaState = new State(false, Instant.now(), e.getCause() != null ? e.getCause().toString() : e.toString());
                    return Mono.empty();
                })
                .then();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig);
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void start() {
        schedule = Flux.interval(Duration.ZERO, properties.probeInterval())
                .onBackpressureDrop()
                .concatMap(tick -> probe(), 1)
                .subscribe(null, e -> log.warn("Control plane probe stopped: {}", e.toString()));
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
        // Spring's test context cache stops and restarts the lifecycle of a context it keeps for later, so the
        // next start() must make a new client rather than reuse a closed one.
        Admin current;
        synchronized (this) {
            current = admin;
            admin = null;
        }
        if (current != null) {
            current.close(Duration.ofSeconds(1));
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
