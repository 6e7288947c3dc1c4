package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules (deploy/prometheus/alerts.yml) are valid PromQL and pass their unit tests on synthetic series
 * (alerts.test.yml), checked by Prometheus's own promtool. Needs no platform: promtool evaluates the rules itself.
 * Without promtool the test fails, never skips: CI (.ci/run) installs it.
 */
class PrometheusRulesTest {

    private static final Path RULES = Path.of(System.getProperty("creditgate.repository.dir", "../.."))
            .resolve("deploy/prometheus");
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void theAlertRulesAreValid() throws Exception {
        Result check = promtool(RULES, "check", "rules", "alerts.yml");
        assertThat(check.exitCode()).as("promtool check rules alerts.yml:%n%s", check.output()).isZero();
    }

    @Test
    void theAlertRulesPassTheirUnitTests() throws Exception {
        Result test = promtool(RULES, "test", "rules", "alerts.test.yml");
        assertThat(test.exitCode()).as("promtool test rules alerts.test.yml:%n%s", test.output()).isZero();
    }

    @Test
    void aBrokenRuleFailsTheCheck(@TempDir Path dir) throws Exception {
        // The two tests above rely on promtool's exit code: a rule that does not parse must make it non-zero.
        Files.writeString(dir.resolve("broken.yml"), """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum(rate(creditgate_calls_total[5m]) > 0
                """);
        assertThat(promtool(dir, "check", "rules", "broken.yml").exitCode()).isNotZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        Path promtool = onPath("promtool").orElseThrow(() -> new AssertionError("""
                promtool is not installed, so the alert rules cannot be checked. Install Debian's prometheus package \
                (sudo apt-get install -y --no-install-recommends prometheus, then stop the server it may start: \
                sudo systemctl disable --now prometheus; .ci/run does both), or put the promtool of a Prometheus \
                release (https://prometheus.io/download/) on the PATH."""));
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        // promtool's output is small; read it whole, then wait (a full pipe would block it otherwise).
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish in " + TIMEOUT_SECONDS + " s: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static Optional<Path> onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory).resolve(program);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
