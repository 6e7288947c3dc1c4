package io.creditgate.platform;

import java.nio.file.Path;
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
            usage: java -jar creditgate.jar [--infrastructure-only]
              (no option)             Kafka, PostgreSQL, Redis, the demo upstream and every service
              --infrastructure-only   only Kafka, PostgreSQL, Redis and the demo upstream; prints the
                                      environment a service run by hand needs (also written to the
                                      file CREDITGATE_ENV_FILE names, when set)""";

    public static void main(String[] args) throws InterruptedException {
        boolean infrastructureOnly;
        try {
            infrastructureOnly = infrastructureOnly(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PlatformSettings settings;
        try {
            settings = PlatformSettings.fromEnvironment(System.getenv(), besideThisJar().resolve("services"));
        } catch (IllegalArgumentException e) {
            System.err.println("creditgate: " + e.getMessage());
            System.exit(2);
            return;
        }
        long startedAt = System.nanoTime();
        Platform platform;
        try {
            platform = Platform.start(settings, !infrastructureOnly);
        } catch (RuntimeException e) {
            System.err.println("creditgate: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        stopOnSignal(platform, "INT");
        stopOnSignal(platform, "TERM");
        if (infrastructureOnly) {
            announceInfrastructure(platform);
        } else {
            System.out.println(Banner.of(platform, (System.nanoTime() - startedAt) / 1_000_000));
        }
        new CountDownLatch(1).await();
    }

    /** Reads the command line: true for {@code --infrastructure-only}, false for none. */
    static boolean infrastructureOnly(String... args) {
        if (args.length == 0) {
            return false;
        }
        if (args.length == 1 && args[0].equals("--infrastructure-only")) {
            return true;
        }
        throw new IllegalArgumentException("creditgate: unknown arguments " + String.join(" ", args) + "\n" + USAGE);
    }

    private static void announceInfrastructure(Platform platform) {
        String environment = platform.serviceEnvironment();
        System.out.println("Creditgate infrastructure is running. Ctrl-C stops it. Environment for a service:");
        System.out.print(environment);
        String envFile = System.getenv("CREDITGATE_ENV_FILE");
        if (envFile != null && !envFile.isBlank()) {
            try {
                java.nio.file.Files.writeString(Path.of(envFile), environment);
            } catch (java.io.IOException e) {
                System.err.println("creditgate: could not write " + envFile + ": " + e.getMessage());
            }
        }
    }

    /**
     * Ctrl-C and SIGTERM stop the services first, then Kafka, Redis and PostgreSQL, and only then
     * exit. A plain shutdown hook would not do: the JVM runs all hooks at once, and the embedded
     * broker's own hook deletes its log directory while the services are still writing to it.
     */
    private static void stopOnSignal(Platform platform, String signal) {
        Signal.handle(new Signal(signal), received -> {
            System.out.println("Stopping Creditgate (SIG" + received.getName() + ")...");
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
