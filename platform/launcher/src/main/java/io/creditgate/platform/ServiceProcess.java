package io.creditgate.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Creditgate service run as a child process of the launcher ({@code java -jar <service>.jar}).
 * Each service gets its own JVM and class path, exactly as in production, so no service ever
 * starts another's beans (Axon, Kafka Streams, Stripe...). Its output goes to its log file, and to the terminal
 * too (with the service's name in front) when the console is verbose. A service that exits while the platform runs
 * is reported on the console with the lines of its log that say why.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final StartupConsole console;
    /** Null when the service starts from its jar as it is. */
    private final ClassDataSharing cds;
    /** Set once the platform stops this service (or gives up on it): its exit is expected then, not reported. */
    private volatile boolean stopping;
    /** Set once the service has been healthy: an exit before that is reported by {@link #awaitHealthy}. */
    private volatile boolean started;

    private ServiceProcess(String name, int port, Process process, Path logFile, StartupConsole console, ClassDataSharing cds) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.console = console;
        this.cds = cds;
    }

    /**
     * Starts {@code <servicesDir>/<name>.jar} on the given port with the given environment added to ours. Its output
     * goes to {@code logFile}, and to the console's terminal as well when the console is verbose. With {@code cds}
     * it starts from the extracted jar and its class-data archive instead (null: from the jar as it is).
     */
    static ServiceProcess start(String name, Path servicesDir, int port, Map<String, String> environment, List<String> jvmOptions,
            Path logFile, StartupConsole console, ClassDataSharing cds) {
        Path jar = servicesDir.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ". Build first: ./mvnw -q install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        if (cds != null) {
            command.addAll(cds.launchArguments(ProcessHandle.current().pid()));
        } else {
            command.add("-jar");
            command.add(jar.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            Process process = builder.start();
            ServiceProcess service = new ServiceProcess(name, port, process, logFile, console, cds);
            Thread pump = new Thread(service::copyOutput, name + "-output");
            pump.setDaemon(true);
            pump.start();
            process.onExit().thenRun(() -> service.reportUnexpectedExit(pump));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    /** The java launcher of this JVM, so every service runs on the same JDK as the platform. */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The CPU time the service's JVM has used so far (zero where the system does not tell). */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Waits until {@code /actuator/health} answers UP; fails early when the process dies. On failure the console has
     * printed why (the log's telling lines and its path) before the exception is thrown.
     */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failedToStart("exited with code " + exitCodeOnceOutputIsCopied());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    started = true;
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw failedToStart("not healthy at " + url() + "/actuator/health within " + timeout.toSeconds() + " s");
    }

    private IllegalStateException failedToStart(String problem) {
        if (!stopping) {
            // Not when the platform is already stopping (another service failed first): that is no news.
            stopping = true;
            console.failedToStart(name, problem, logFile, FailureReason.in(logFile));
        }
        return new IllegalStateException(name + " " + problem + "; see " + logFile);
    }

    /** The exit code, once the output pump has written the last lines to the log (they are the reason). */
    private int exitCodeOnceOutputIsCopied() {
        try {
            int code = process.waitFor();
            Thread.sleep(200);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return process.exitValue();
        }
    }

    /** A service that dies after it was healthy, while nobody is stopping it: the person at the terminal is told. */
    private void reportUnexpectedExit(Thread pump) {
        if (stopping || !started) {
            return;
        }
        try {
            pump.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        console.stoppedUnexpectedly(name, process.exitValue(), logFile, FailureReason.in(logFile));
    }

    private void copyOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             java.io.BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                console.serviceOutput(name, line);
                log.write(line);
                log.newLine();
                // Flushed per line: the file is where an operator (or a test) reads what the service said so far.
                log.flush();
            }
        } catch (IOException e) {
            log.debug("Output of {} closed: {}", name, e.getMessage());
        }
    }

    /** Asks the service to stop (SIGTERM: Spring shuts down gracefully), then forces it after a grace period. */
    @Override
    public void close() {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("{} did not stop within {} s; killing it", name, STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } else if (cds != null) {
                // Stopped in time, so the JVM wrote its whole class-data recording on the way out.
                cds.keepRecording(ProcessHandle.current().pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
