package io.creditgate.ledger;

import io.creditgate.ledger.deadletter.DeadLetterCommand;
import io.creditgate.ledger.replay.ReplayCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ledger: per-user credit accounts as Axon event-sourced aggregates on PostgreSQL (port 8081). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    static final String AXON_UPDATE_CHECK_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // Axon 4.13 reports usage to AxonIQ over the internet at start unless told not to; a ledger makes no
        // outbound calls its operator did not ask for. -Daxoniq.update-checker.disabled=false turns it back on.
        if (System.getProperty(AXON_UPDATE_CHECK_DISABLED) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(AXON_UPDATE_CHECK_DISABLED, "true");
        }
        if (args.length > 0 && ReplayCommand.COMMAND.equals(args[0])) {
            System.exit(ReplayCommand.run(LedgerApplication.class, args));
        }
        if (args.length > 0 && DeadLetterCommand.COMMAND.equals(args[0])) {
            System.exit(DeadLetterCommand.run(LedgerApplication.class, args));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
