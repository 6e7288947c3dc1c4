package io.creditgate.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server from embedded binaries on a free port, or the external server that
 * {@code SPRING_DATA_REDIS_URL} names. {@link #stop()} and {@link #restart()} let failure tests
 * take it away and bring it back on the same port.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRedis.class);
    private static final String EXTERNAL_URL_ENV = "SPRING_DATA_REDIS_URL";

    private final String host;
    private final int port;
    private final boolean external;
    private RedisServer server;

    private LocalRedis(String host, int port, boolean external) {
        this.host = host;
        this.port = port;
        this.external = external;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static LocalRedis shared() {
        return Shared.INSTANCE;
    }

    /** Starts a server of its own on a free port (or points at the external one). */
    public static LocalRedis start() {
        String external = System.getenv(EXTERNAL_URL_ENV);
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external);
            log.info("Redis: using external server {} ({})", external, EXTERNAL_URL_ENV);
            return new LocalRedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), true);
        }
        int port = freePort();
        LocalRedis redis = new LocalRedis("127.0.0.1", port, false);
        redis.restart();
        log.info("Redis: embedded server listening at {}", redis.url());
        return redis;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The {@code spring.data.redis.url} value. */
    public String url() {
        return "redis://" + host + ":" + port;
    }

    /** Stops the embedded server; clients see connection refused until {@link #restart()}. */
    public synchronized void stop() {
        requireEmbedded();
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop embedded Redis", e);
            }
            server = null;
        }
    }

    /** Starts the embedded server again on the same port, empty: it keeps nothing on disk. */
    public synchronized void restart() {
        requireEmbedded();
        if (server != null) {
            return;
        }
        try {
            RedisServer started = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
            started.start();
            server = started;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Redis on port " + port, e);
        }
    }

    private void requireEmbedded() {
        if (external) {
            throw new IllegalStateException("Redis is external (" + EXTERNAL_URL_ENV + "); it cannot be stopped from here");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            stop();
        }
    }

    private static final class Shared {
        static final LocalRedis INSTANCE = start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close, "local-redis-stop"));
        }
    }
}
