package io.creditgate.ledger.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.creditgate.ledger.commandline.OfflineContext;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar ledger-service.jar replay --verify [--report=path]}: a Spring Boot run without the web server,
 * the Kafka consumers or the expiry scheduler (the usual properties reach PostgreSQL), that runs the audit replay,
 * draws a progress bar on stderr, prints the human table on stdout, writes the JSON report to {@code --report} and
 * exits 0 when the journal and the ledger agree, 1 on any broken link or discrepancy, 2 when it could not run.
 */
public final class ReplayCommand {

    public static final String COMMAND = "replay";
    static final int OK = 0;
    static final int DISCREPANCIES = 1;
    static final int FAILED = 2;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int BAR_WIDTH = 40;

    private ReplayCommand() {
    }

    /** Runs the replay in its own Spring context and returns the exit code; never leaves a thread behind. */
    public static int run(Class<?> application, String[] args) {
        return run(application, args, true);
    }

    /**
     * @param ownsJvm whether the JVM ends after this run: Axon's janitor is a JVM-wide singleton that other Axon
     *        applications in the same JVM (a test's) still use, so it is shut down only when the JVM is ours
     */
    static int run(Class<?> application, String[] args, boolean ownsJvm) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println("usage: java -jar ledger-service.jar replay --verify [--source=journal-topic|event-store]"
                    + " [--report=replay-report.json]");
            return FAILED;
        }
        return OfflineContext.run(application, COMMAND, java.util.List.of(options.springArgs()), ownsJvm, (context, table) -> {
            java.time.Instant startedAt = java.time.Instant.now();
            ReplayReport[] report = new ReplayReport[1];
            try {
                return execute(context.getBean(AuditReplay.class), options.source(), options.report(), table, System.err,
                        done -> report[0] = done);
            } finally {
                // A replay run from the command line is in the audit log too, named by the operating-system account.
                audit(context.getBean(ReplayRuns.class), startedAt, options.source(), report[0]);
            }
        });
    }

    /** The actor of a command-line replay: who ran it on which machine, as the operating system knows them. */
    static String commandLineActor() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return "command-line:" + System.getProperty("user.name", "unknown") + "@" + host;
    }

    private static void audit(ReplayRuns runs, java.time.Instant startedAt, ReplayProperties.Source source, ReplayReport report) {
        String sourceName = source == null ? "default" : source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (report != null) {
            runs.finished(commandLineActor(), startedAt, java.time.Instant.now(), sourceName, report);
        } else {
            runs.failed(commandLineActor(), startedAt, java.time.Instant.now(), sourceName, "ERROR");
        }
    }

    /** Replays with a progress bar on {@code err}, prints the table on {@code out}, writes the JSON report; the exit code. */
    static int execute(AuditReplay replay, ReplayProperties.Source source, Path report, PrintStream out, PrintStream err) {
        return execute(replay, source, report, out, err, done -> { });
    }

    /** As {@link #execute(AuditReplay, ReplayProperties.Source, Path, PrintStream, PrintStream)}, handing the report on. */
    static int execute(AuditReplay replay, ReplayProperties.Source source, Path report, PrintStream out, PrintStream err,
            java.util.function.Consumer<ReplayReport> onReport) {
        long total = replay.countEvents();
        long scale = Math.max(1, total);
        java.util.function.LongConsumer bar = read -> {
            int done = total == 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, read * BAR_WIDTH / scale);
            err.printf("\r[%s%s] %3d%% %,d/%,d events", "#".repeat(done), ".".repeat(BAR_WIDTH - done),
                    total == 0 ? 100 : Math.min(100, read * 100 / scale), read, total);
        };
        ReplayReport result = source == null ? replay.run(bar) : replay.run(source, bar);
        onReport.accept(result);
        err.println();
        out.print(result.table());
        if (report != null) {
            try {
                Files.write(report, JSON.writeValueAsBytes(result));
            } catch (IOException e) {
                err.println("could not write the report to " + report + ": " + e.getMessage());
                return FAILED;
            }
        }
        return result.ok() ? OK : DISCREPANCIES;
    }

    /**
     * {@code replay --verify [--source=journal-topic|event-store] [--report=path]}; every other {@code --name=value} goes
     * to Spring as a property. No source: {@code creditgate.replay.source} (the journal topic by default).
     */
    record Options(Path report, ReplayProperties.Source source, String[] springArgs) {

        static Options parse(String[] args) {
            if (args.length == 0 || !COMMAND.equals(args[0])) {
                throw new IllegalArgumentException("the first argument must be '" + COMMAND + "'");
            }
            boolean verify = false;
            Path report = null;
            ReplayProperties.Source source = null;
            java.util.List<String> spring = new java.util.ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--verify")) {
                    verify = true;
                } else if (arg.startsWith("--report=")) {
                    if (arg.length() == "--report=".length()) {
                        throw new IllegalArgumentException("--report needs a path, e.g. --report=replay-report.json");
                    }
                    report = Path.of(arg.substring("--report=".length()));
                } else if (arg.startsWith("--source=")) {
                    source = ReplayProperties.Source.parse(arg.substring("--source=".length()));
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    spring.add(arg);
                } else {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (!verify) {
                throw new IllegalArgumentException("replay needs --verify (the replay only verifies; it never writes)");
            }
            return new Options(report, source, spring.toArray(String[]::new));
        }
    }
}
