package io.creditgate.platform;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the launcher says on the terminal: one line per component as it becomes ready, the banner, and what went
 * wrong (a service that failed to start or died later, with the lines of its log that say why and the log's path).
 * Everything else, the frameworks' logs included, goes to the files in {@code <data dir>/logs} unless
 * {@link #verbose()} asks for the interleaved service logs on the terminal as well.
 *
 * <p>Thread-safe: services report their readiness from their own threads.
 */
final class StartupConsole {

    /** Wide enough for the longest component name ({@code payment-service}). */
    private static final String READY_LINE = "  %-16s ready %5.1f s%n";

    private final PrintStream terminal;
    private final boolean verbose;
    private boolean failureReported;

    StartupConsole(PrintStream terminal, boolean verbose) {
        this.terminal = terminal;
        this.verbose = verbose;
    }

    /** True when each service's output is also copied to the terminal, prefixed with its name. */
    boolean verbose() {
        return verbose;
    }

    PrintStream terminal() {
        return terminal;
    }

    synchronized void starting(Path logsDirectory) {
        terminal.println("Starting Creditgate (logs: " + logsDirectory + (verbose ? "" : "; --verbose shows them here") + ")");
    }

    synchronized void ready(String component, Duration took) {
        terminal.printf(Locale.ROOT, READY_LINE, component, took.toMillis() / 1000.0);
    }

    /** One line of a service's own output, shown only in verbose mode. */
    synchronized void serviceOutput(String service, String line) {
        if (verbose) {
            terminal.println(String.format("%-8s| ", service.replace("-service", "")) + line);
        }
    }

    /**
     * The first failure is told in full; others that follow (services timing out together once the start is given
     * up) get one line each, so the reason that matters stays on the screen.
     */
    synchronized void failedToStart(String component, String problem, Path log, List<String> reason) {
        if (failureReported) {
            terminal.println("  " + component + " did not start either: " + problem + " (log: " + log + ")");
            return;
        }
        failureReported = true;
        terminal.println();
        terminal.println("  " + component + " failed to start: " + problem);
        printReason(log, reason);
    }

    synchronized void stoppedUnexpectedly(String service, int exitCode, Path log, List<String> reason) {
        terminal.println();
        terminal.println("  " + service + " stopped unexpectedly (exit code " + exitCode + "); the platform goes on without it.");
        printReason(log, reason);
    }

    synchronized void say(String line) {
        terminal.println(line);
    }

    private void printReason(Path log, List<String> reason) {
        if (!reason.isEmpty()) {
            terminal.println("  Its log says:");
            reason.forEach(line -> terminal.println("    " + line));
        }
        terminal.println("  Whole log: " + log);
        terminal.flush();
    }
}
