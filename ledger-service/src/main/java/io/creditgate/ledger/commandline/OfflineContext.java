package io.creditgate.ledger.commandline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntBiFunction;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.timeout.AxonTaskJanitor;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one of the ledger's commands ({@code replay}, {@code dead-letters}) in a Spring context of its own beside the
 * running service: no web server, no intake, no expiry or renewal scheduler, and this process's Axon projections
 * stopped before the command begins, since the service itself does that work. The command's output goes to the
 * real standard output; the log (whose console appender writes to {@code System.out}) goes to standard error, so a
 * script can read the output alone.
 */
public final class OfflineContext {

    /** The exit code when the command could not run at all. */
    public static final int FAILED = 2;

    /** As command-line arguments: application.yml sets these switches, and it outranks default properties. */
    private static final List<String> WRITERS_OFF = List.of("--creditgate.intake.enabled=false",
            "--creditgate.expiry.enabled=false", "--creditgate.plans.renewal.enabled=false");

    private OfflineContext() {
    }

    /**
     * Runs {@code command} with the context and the output stream, and returns its exit code ({@link #FAILED} when the
     * context does not start or the command throws, with the reason on standard error).
     *
     * @param name the command's name, for the failure message
     * @param springArgs {@code --name=value} properties for Spring (the database, Kafka)
     * @param ownsJvm whether the JVM ends after this run: Axon's static janitor thread is not a daemon and is shut
     *     down only then (STACK-NOTES), so that tests can run a command in their own JVM
     */
    public static int run(Class<?> application, String name, List<String> springArgs, boolean ownsJvm,
            ToIntBiFunction<ConfigurableApplicationContext, PrintStream> command) {
        PrintStream out = System.out;
        System.setOut(System.err);
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setBannerMode(Banner.Mode.OFF);
        List<String> args = new ArrayList<>(springArgs);
        args.addAll(WRITERS_OFF);
        int code = FAILED;
        try (ConfigurableApplicationContext context = spring.run(args.toArray(String[]::new))) {
            context.getBean(EventProcessingConfiguration.class).eventProcessors().values().forEach(EventProcessor::shutDown);
            code = command.applyAsInt(context, out);
        } catch (RuntimeException failure) {
            System.err.println(name + " failed: " + failure.getMessage());
        } finally {
            if (ownsJvm) {
                AxonTaskJanitor.INSTANCE.shutdownNow();
            }
            out.flush();
            System.setOut(out);
        }
        return code;
    }
}
