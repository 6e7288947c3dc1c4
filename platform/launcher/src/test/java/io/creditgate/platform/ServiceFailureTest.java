package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that cannot start tells the person at the terminal why, without the terminal showing its whole log: a
 * real service jar, started as the platform starts it, pointed at a PostgreSQL that is not there.
 */
class ServiceFailureTest {

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    @Test
    void aServiceThatFailsToStartPrintsTheLinesOfItsLogThatSayWhyAndWhereTheLogIs(@TempDir Path logs) throws Exception {
        StartupConsole console = new StartupConsole(new PrintStream(terminal, true, StandardCharsets.UTF_8), false);
        Path log = logs.resolve("payment-service.log");
        int closedPort = TestPlatform.freePort();
        ServiceProcess payment = ServiceProcess.start("payment-service", Path.of(System.getProperty("creditgate.services.dir")),
                TestPlatform.freePort(), Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/payment",
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort),
                List.of("-Xmx256m"), log, console, null);
        try (payment) {
            assertThatThrownBy(() -> payment.awaitHealthy(Duration.ofMinutes(10)))
                    .hasMessageContaining("payment-service exited with code").hasMessageContaining(log.toString());
        }
        String printed = terminal.toString(StandardCharsets.UTF_8);
        List<String> logLines = Files.readAllLines(log);
        assertThat(logLines).as("the service's own log").anyMatch(line -> line.contains("Connection to 127.0.0.1:" + closedPort + " refused"));
        assertThat(printed).contains("payment-service failed to start: exited with code 1", "Whole log: " + log)
                .as("the reason, from the log").contains("Connection to 127.0.0.1:" + closedPort + " refused")
                .as("not the whole log").doesNotContain("Starting PaymentApplication", "\tat ");
        assertThat(printed.lines().count()).isLessThanOrEqualTo(FailureReason.LINES_MAX + 5);
    }

    @Test
    void aServicesOwnOutputReachesTheTerminalOnlyWhenVerbose() {
        ByteArrayOutputStream quietTerminal = new ByteArrayOutputStream();
        new StartupConsole(new PrintStream(quietTerminal, true, StandardCharsets.UTF_8), false)
                .serviceOutput("gateway-service", "Started GatewayApplication in 9.1 seconds");
        new StartupConsole(new PrintStream(terminal, true, StandardCharsets.UTF_8), true)
                .serviceOutput("gateway-service", "Started GatewayApplication in 9.1 seconds");
        assertThat(quietTerminal.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("gateway | Started GatewayApplication in 9.1 seconds\n");
    }

    @Test
    void onlyTheFirstFailureIsToldInFull(@TempDir Path logs) {
        StartupConsole console = new StartupConsole(new PrintStream(terminal, true, StandardCharsets.UTF_8), false);
        console.failedToStart("ledger-service", "exited with code 1", logs.resolve("ledger-service.log"), List.of("Caused by: disk full"));
        console.failedToStart("alert-service", "not healthy within 180 s", logs.resolve("alert-service.log"), List.of("waiting"));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("ledger-service failed to start", "Caused by: disk full",
                "alert-service did not start either: not healthy within 180 s (log: " + logs.resolve("alert-service.log"))
                .doesNotContain("waiting");
    }
}
