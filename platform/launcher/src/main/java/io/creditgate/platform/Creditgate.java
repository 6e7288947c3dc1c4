package io.creditgate.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;


/**
 * {@code java -jar platform/target/creditgate.jar}: runs all of Creditgate on this machine and
 * prints how to use it. Ctrl-C stops the services, then Kafka, Redis and PostgreSQL.
 */
public final class Creditgate {

    private Creditgate() {
    }

    private static final String USAGE = """
            usage: java -jar creditgate.jar [--infrastructure-only] [--verbose]
              (no option)             Kafka, PostgreSQL, Redis, the demo upstream and every service
              --infrastructure-only   only Kafka, PostgreSQL, Redis and the demo upstream; prints the
                                      environment a service run by hand needs (also written to the
                                      file CREDITGATE_ENV_FILE names, when set)
              --verbose               every service's log on the terminal as well, as it is written
                                      (also CREDITGATE_VERBOSE=true); otherwise the logs go only to
                                      <data dir>/logs/<service>.log and platform.log""";

    /** What the command line and {@code CREDITGATE_VERBOSE} ask for. */
    record Options(boolean infrastructureOnly, boolean verbose) {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        PlatformSettings settings;
        try {
            options = options(System.getenv(), args);
            settings = PlatformSettings.fromEnvironment(System.getenv(), besideThisJar().resolve("services"));
        } catch (IllegalArgumentException e) {
            System.err.println("creditgate: " + e.getMessage());
            System.exit(2);
            return;
        }
        long startedAt = System.nanoTime();
        Path workDir = Platform.workDirectory(settings);
        StartupConsole console = new StartupConsole(System.out, options.verbose());
        Path logs = workDir.resolve("logs");
        if (!options.verbose()) {
            LauncherOutput.redirectTo(logs.resolve("platform.log"));
        }
        console.starting(logs);
        Platform platform = Platform.create(settings, workDir, console);
        // Before the start, so that Ctrl-C while the services start stops those already running too.
        stopOnSignal(platform, console, "INT");
        stopOnSignal(platform, console, "TERM");
        try {
            platform.start(!options.infrastructureOnly());
        } catch (RuntimeException e) {
            console.say("creditgate: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.infrastructureOnly()) {
            announceInfrastructure(platform, console);
        } else {
            console.say(Banner.of(platform, (System.nanoTime() - startedAt) / 1_000_000));
        }
        new CountDownLatch(1).await();
    }

    /** Reads the command line and the environment's {@code CREDITGATE_VERBOSE}. */
    static Options options(Map<String, String> env, String... args) {
        boolean infrastructureOnly = false;
        boolean verbose = Boolean.parseBoolean(env.getOrDefault("CREDITGATE_VERBOSE", "false").strip());
        for (String arg : args) {
            switch (arg) {
                case "--infrastructure-only" -> infrastructureOnly = true;
                case "--verbose" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        return new Options(infrastructureOnly, verbose);
    }

    private static void announceInfrastructure(Platform platform, StartupConsole console) {
        String environment = platform.serviceEnvironment();
        console.say("Creditgate infrastructure is running. Ctrl-C stops it. Environment for a service:");
        console.say(environment.stripTrailing());
        String envFile = System.getenv("CREDITGATE_ENV_FILE");
        if (envFile != null && !envFile.isBlank()) {
            try {
                java.nio.file.Files.writeString(Path.of(envFile), environment);
            } catch (java.io.IOException e) {
                console.say("creditgate: could not write " + envFile + ": " + e.getMessage());
            }
        }
    }

    /**
     * Ctrl-C and SIGTERM stop the services first, then Kafka, Redis and PostgreSQL, and only then
     * exit. A plain shutdown hook would not do: the JVM runs all hooks at once, and the embedded
     * broker's own hook deletes its log directory while the services are still writing to it.
     */
    private static void stopOnSignal(Platform platform, StartupConsole console, String signal) {
        Signal.handle(new Signal(signal), received -> {
            console.say("Stopping Creditgate (SIG" + received.getName() + ")...");
            platform.close();
            System.exit(0);
        });
    }

    /** {@code java -jar x/creditgate.jar} puts just that jar on the class path: the services sit beside it. */
    private static Path besideThisJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            Path parent = Path.of(classPath).toAbsolutePath().getParent();
            return parent;
        }
        return Path.of("platform", "target").toAbsolutePath();
    }
}
