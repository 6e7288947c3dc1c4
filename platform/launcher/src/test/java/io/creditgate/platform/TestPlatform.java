package io.creditgate.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running platform for every test class of this module: it takes a minute to start on two cores, so the classes
 * share it. Kept in JUnit's root store, which closes it (services first, then Kafka, PostgreSQL, Redis) after the
 * last class. Tests isolate themselves by user and email.
 */
final class TestPlatform implements BeforeAllCallback {

    static final long STARTING_CREDITS = 3_000;
    static final String SERVICE_KEY = "test-service-key";
    static final String ADMIN_KEY = "test-admin-key";
    static final String ADMIN_EMAIL = "admin@creditgate.test";
    static final String ADMIN_PASSWORD = "platform-admin-password-" + Long.toHexString(System.nanoTime());

    private static Platform platform;

    /** Holds the platform in the root store, so JUnit closes it once the last test class is done. */
    private record Running(Platform platform) implements AutoCloseable {
        @Override
        public void close() {
            platform.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestPlatform.class, key -> new Running(start()), Running.class);
        platform = running.platform();
    }

    static Platform platform() {
        return platform;
    }

    private static Platform start() {
        return Platform.start(PlatformSettings.fromEnvironment(Map.ofEntries(
                Map.entry("CREDITGATE_SERVICE_KEY", SERVICE_KEY),
                Map.entry("CREDITGATE_ADMIN_KEY", ADMIN_KEY),
                Map.entry("CREDITGATE_ADMIN_EMAIL", ADMIN_EMAIL),
                Map.entry("CREDITGATE_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("CREDITGATE_STARTING_CREDITS", Long.toString(STARTING_CREDITS)),
                Map.entry("CREDITGATE_GATEWAY_PORT", Integer.toString(freePort())),
                Map.entry("CREDITGATE_LEDGER_PORT", Integer.toString(freePort())),
                Map.entry("CREDITGATE_ALERT_PORT", Integer.toString(freePort())),
                Map.entry("CREDITGATE_PAYMENT_PORT", Integer.toString(freePort())),
                Map.entry("CREDITGATE_CONSOLE_PORT", Integer.toString(freePort())),
                Map.entry("CREDITGATE_DEMO_EVENT_DELAY_MS", "0"),
                // The alert scenario: told at 80 % and at 100 %, nothing else in the way.
                Map.entry("CREDITGATE_ALERT_THRESHOLDS", "80,100"),
                Map.entry("CREDITGATE_ALERT_LOW_BALANCE_CREDITS", "0")),
                Path.of(System.getProperty("creditgate.services.dir"))));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestPlatform() {
    }
}
