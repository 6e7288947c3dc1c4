package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12 in a real browser: the dashboard's end-to-end suite ({@code dashboard/e2e/*.test.mjs}, Node's test runner
 * with playwright-core driving Debian's Chromium, axe-core on every page) against this module's running platform. The
 * suite signs in through the console's page as the first admin, invites alice from the dashboard and follows the
 * mailed link, sees a chat's cost appear, grants credits, buys a pack on the demo Stripe, is refused admin pages and
 * other people's data, and renders in Portuguese. Its screenshots land in target/dashboard-screenshots.
 */
@ExtendWith(TestPlatform.class)
class DashboardBrowserTest {

    private static final String CHROMIUM = System.getenv().getOrDefault("CREDITGATE_CHROMIUM", "/usr/bin/chromium");
    private static final long SUITE_MINUTES = 10;

    @Test
    void theDashboardWorksInABrowserForEachRole() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Debian's chromium drives the dashboard's browser tests: apt-get install -y"
                + " chromium (.ci/run does), or name another with CREDITGATE_CHROMIUM").isExecutable();
        Platform platform = TestPlatform.platform();
        Path dashboard = Path.of(System.getProperty("creditgate.dashboard.dir"));
        Path screenshots = Files.createDirectories(Path.of("target/dashboard-screenshots").toAbsolutePath());
        Path log = Path.of("target/dashboard-e2e.log").toAbsolutePath();
        String run = UUID.randomUUID().toString().substring(0, 8);

        Map<String, String> env = new HashMap<>();
        env.put("CG_CONSOLE_URL", platform.consoleUrl());
        env.put("CG_GATEWAY_URL", platform.gatewayUrl());
        env.put("CG_SERVICE_KEY", TestPlatform.SERVICE_KEY);
        env.put("CG_ADMIN_EMAIL", TestPlatform.ADMIN_EMAIL);
        env.put("CG_ADMIN_PASSWORD", TestPlatform.ADMIN_PASSWORD);
        env.put("CG_MAILBOX", platform.mailbox().toString());
        env.put("CG_RUN", run);
        env.put("CG_CHROMIUM", CHROMIUM);
        env.put("CG_SCREENSHOTS", screenshots.toString());

        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=tap", "e2e/")
                .directory(dashboard.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().putAll(env);
        Process suite = node.start();
        boolean finished = suite.waitFor(SUITE_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            suite.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("the browser suite finished within %d minutes:%n%s", SUITE_MINUTES, tail(output)).isTrue();
        assertThat(suite.exitValue()).as("the browser suite passed:%n%s", tail(output)).isZero();
        assertThat(output).as("the suite ran its tests").containsPattern("# pass [1-9]").contains("# fail 0");
    }

    private static String tail(String output) throws IOException {
        return output.length() <= 20_000 ? output : output.substring(output.length() - 20_000);
    }
}
