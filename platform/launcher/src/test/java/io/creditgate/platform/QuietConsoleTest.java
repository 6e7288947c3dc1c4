package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees: {@code java -jar creditgate.jar} run as a process of its own (the launcher's real standard
 * output, not this JVM's), without {@code --verbose}. The one platform start this suite adds besides
 * {@link TestPlatform}'s, so it checks everything the terminal should show: a line per component, the banner, the
 * logs in files, a service that dies later, and a clean stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuietConsoleTest {

    private static final Duration BANNER_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern READY_LINE = Pattern.compile("  (\\S+(?: \\S+)?) +ready +\\d+\\.\\d s");
    private static final List<String> COMPONENTS = List.of("PostgreSQL", "Redis", "Kafka", "Demo upstream", "Mail catcher",
            "Demo Stripe", "console", "ledger-service", "gateway-service", "alert-service", "payment-service");

    @TempDir
    static Path dataDir;
    private static Path terminal;
    private static Process launcher;

    @BeforeAll
    static void startTheLauncherAsANewcomerWould() throws Exception {
        terminal = dataDir.resolveSibling(dataDir.getFileName() + "-terminal.txt");
        ProcessBuilder builder = new ProcessBuilder(ServiceProcess.javaCommand(), "-cp", System.getProperty("java.class.path"),
                Creditgate.class.getName()).redirectErrorStream(true).redirectOutput(terminal.toFile());
        Map<String, String> env = builder.environment();
        env.remove("CREDITGATE_VERBOSE");
        env.put("CREDITGATE_SERVICES_DIR", System.getProperty("creditgate.services.dir"));
        env.put("CREDITGATE_DATA_DIR", dataDir.toString());
        env.put("CREDITGATE_DEMO_EVENT_DELAY_MS", "0");
        // Two cores that other builds share can take longer than the default 180 s to start five services.
        env.put("CREDITGATE_START_TIMEOUT_SECONDS", Long.toString(BANNER_TIMEOUT.toSeconds()));
        for (String port : List.of("GATEWAY", "LEDGER", "ALERT", "PAYMENT", "CONSOLE")) {
            env.put("CREDITGATE_" + port + "_PORT", Integer.toString(TestPlatform.freePort()));
        }
        launcher = builder.start();
        long deadline = System.nanoTime() + BANNER_TIMEOUT.toNanos();
        while (!printed().contains("Creditgate is running") && launcher.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        System.out.println("QuietConsoleTest: the launcher printed\n" + printed());
        assertThat(printed()).as("the banner").contains("Creditgate is running");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        // SIGTERM first: the launcher stops its services and the infrastructure; a SIGKILL would orphan them.
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Order(1)
    void beforeTheBannerTheTerminalShowsOneLinePerComponentAndNoFrameworkLog() throws IOException {
        List<String> beforeBanner = printed().lines().takeWhile(line -> !line.contains("=====")).filter(line -> !line.isBlank()).toList();
        assertThat(beforeBanner.get(0)).isEqualTo("Starting Creditgate (logs: " + dataDir.resolve("logs")
                + "; --verbose shows them here)");
        List<String> components = beforeBanner.subList(1, beforeBanner.size());
        assertThat(components).as("nothing but ready lines").allMatch(line -> READY_LINE.matcher(line).matches());
        assertThat(components.stream().map(line -> READY_LINE.matcher(line).results().findFirst().orElseThrow().group(1)))
                .containsExactlyInAnyOrderElementsOf(COMPONENTS);
        assertThat(printed()).contains("Logs                  " + dataDir.resolve("logs"))
                .doesNotContain(" INFO ", " WARN ", ":: Spring Boot ::", "platform|", "gateway|");
    }

    @Test
    @Order(2)
    void theLogsAreInTheDataDirectory() throws IOException {
        Path logs = dataDir.resolve("logs");
        assertThat(Files.readString(logs.resolve("gateway-service.log"))).contains(":: Spring Boot ::", "Started GatewayApplication");
        assertThat(Files.readString(logs.resolve("console.log"))).contains("Started ConsoleApplication");
        assertThat(Files.readString(logs.resolve("platform.log"))).as("the launcher's own framework logs")
                .contains("Kafka: embedded KRaft broker listening at");
    }

    @Test
    @Order(3)
    void aServiceThatDiesLaterIsReportedOnTheTerminal() throws Exception {
        ProcessHandle gateway = launcher.toHandle().descendants()
                .filter(child -> child.info().commandLine().orElse("").contains("gateway-service.jar")).findFirst().orElseThrow();
        gateway.destroyForcibly();
        String wholeLog = "Whole log: " + dataDir.resolve("logs").resolve("gateway-service.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // The report is several lines written one after another: wait for its last one (CI once read it half written).
        while (!printed().contains(wholeLog) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(printed()).contains("gateway-service stopped unexpectedly (exit code 137)", wholeLog);
    }

    @Test
    @Order(4)
    void ctrlCStopsEverythingAndSaysSo() throws Exception {
        List<ProcessHandle> children = launcher.toHandle().children().toList();
        assertThat(children.stream().filter(child -> child.info().commandLine().orElse("").contains(" -jar ")))
                .as("the four services still running").hasSize(4);
        launcher.destroy();
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
        assertThat(launcher.exitValue()).isZero();
        assertThat(printed()).contains("Stopping Creditgate (SIGTERM)...");
        assertThat(children).as("no service, PostgreSQL or Redis left running").noneMatch(ProcessHandle::isAlive);
    }

    private static String printed() {
        try {
            return Files.readString(terminal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
