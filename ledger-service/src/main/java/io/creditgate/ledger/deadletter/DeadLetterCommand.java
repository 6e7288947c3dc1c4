package io.creditgate.ledger.deadletter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.creditgate.ledger.commandline.OfflineContext;


/**
 * {@code java -jar ledger-service.jar dead-letters} lists the dead-letter topics (kind, id, user, reason, when, whether
 * it was re-ingested); {@code dead-letters reingest --event-id=<id> [--user-id=<corrected id>]} or
 * {@code dead-letters reingest --all} re-publishes dead letters to the topic they were read from (usage, payment),
 * once each. Like the replay, a
 * Spring Boot run of the ledger without the web server, the Kafka consumers or the schedulers, against the usual
 * PostgreSQL and Kafka settings. Exit codes: 0 done (listed; every letter asked re-ingested, now or before), 1 a
 * letter could not be re-ingested (unknown id, unreadable bytes, a user id still invalid), 2 could not run (bad
 * arguments, PostgreSQL or Kafka unavailable).
 */
public final class DeadLetterCommand {

    public static final String COMMAND = "dead-letters";
    static final int OK = 0;
    static final int NOT_REINGESTED = 1;
    static final int FAILED = 2;
    static final String USAGE = "usage: java -jar ledger-service.jar dead-letters"
            + " | dead-letters reingest (--event-id=<id> [--user-id=<corrected id>] | --all)";

    private DeadLetterCommand() {
    }

    /** Runs in its own Spring context and returns the exit code; never leaves a thread behind. */
    public static int run(Class<?> application, String[] args) {
        return run(application, args, true);
    }

    /** @param ownsJvm whether the JVM ends after this run (Axon's janitor is shut down only then; see ReplayCommand) */
    static int run(Class<?> application, String[] args, boolean ownsJvm) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println(USAGE);
            return FAILED;
        }
        return OfflineContext.run(application, COMMAND, options.springArgs(), ownsJvm, (context, out) ->
                execute(options, context.getBean(DeadLetterTopic.class), context.getBean(Reingestion.class), out));
    }

    static int execute(Options options, DeadLetterTopic topic, Reingestion reingestion, PrintStream out) {
        List<DeadLetter> letters = topic.readAll();
        if (!options.reingest()) {
            list(letters, reingestion.reingested(), out);
            return OK;
        }
        List<DeadLetter> chosen = options.all() ? letters
                : letters.stream().filter(letter -> letter.id().equals(options.eventId())).toList();
        if (chosen.isEmpty()) {
            out.println(options.all() ? "the dead-letter topics are empty; nothing to re-ingest"
                    : "no dead letter with id " + options.eventId() + " (list them with: dead-letters)");
            return options.all() ? OK : NOT_REINGESTED;
        }
        int code = OK;
        for (Reingestion.Result result : reingestion.reingest(chosen, options.userId())) {
            switch (result.outcome()) {
                case REINGESTED -> out.println("re-ingested " + result.letter().id() + " " + result.detail());
                case ALREADY_REINGESTED -> out.println("skipped " + result.letter().id() + ", " + result.detail());
                case REFUSED -> {
                    out.println("cannot re-ingest " + result.letter().id() + ": " + result.detail());
                    code = NOT_REINGESTED;
                }
            }
        }
        return code;
    }

    private static void list(List<DeadLetter> letters, Map<String, String> reingested, PrintStream out) {
        if (letters.isEmpty()) {
            out.println("no dead letters");
            return;
        }
        out.printf("%-8s  %-40s  %-30s  %-16s  %-24s  %s%n", "KIND", "EVENT ID", "USER", "REASON", "DEAD-LETTERED AT",
                "RE-INGESTED");
        for (DeadLetter letter : letters) {
            out.printf("%-8s  %-40s  %-30s  %-16s  %-24s  %s%n", letter.kind(), letter.id(), printable(letter.userId()),
                    letter.reason(),
                    letter.deadLetteredAt() == null ? "-" : letter.deadLetteredAt(),
                    reingested.getOrDefault(letter.id(), "no"));
            if (letter.message() != null) {
                out.println("    " + letter.message());
            }
        }
        out.println(letters.size() + " dead letter(s). Re-ingest one: java -jar ledger-service.jar dead-letters reingest"
                + " --event-id=<id> [--user-id=<corrected id>]");
    }

    /** A user id as text a terminal shows on one line: the invalid ones may hold whitespace or control characters. */
    static String printable(String userId) {
        if (userId == null) {
            return "-";
        }
        StringBuilder shown = new StringBuilder("\"");
        userId.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || (Character.isWhitespace(c) && c != ' ')) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.append('"').toString();
    }

    /**
     * @param reingest false: list
     * @param eventId the dead letter to re-ingest (with {@code reingest} and not {@code all})
     * @param userId the corrected user id; null keeps the usage's own
     * @param springArgs every other {@code --name=value}, passed to Spring as properties
     */
    record Options(boolean reingest, String eventId, String userId, boolean all, List<String> springArgs) {

        static Options parse(String[] args) {
            if (args.length == 0 || !COMMAND.equals(args[0])) {
                throw new IllegalArgumentException("the first argument must be '" + COMMAND + "'");
            }
            int next = 1;
            boolean reingest = false;
            if (args.length > 1 && !args[1].startsWith("--")) {
                if (!args[1].equals("reingest") && !args[1].equals("list")) {
                    throw new IllegalArgumentException("unknown sub-command: " + args[1]);
                }
                reingest = args[1].equals("reingest");
                next = 2;
            }
            String eventId = null;
            String userId = null;
            boolean all = false;
            List<String> spring = new ArrayList<>();
            for (int i = next; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("--event-id=")) {
                    eventId = value(arg, "--event-id=");
                } else if (arg.startsWith("--user-id=")) {
                    userId = value(arg, "--user-id=");
                } else if (arg.equals("--all")) {
                    all = true;
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    spring.add(arg);
                } else {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (!reingest && (eventId != null || userId != null || all)) {
                throw new IllegalArgumentException("--event-id, --user-id and --all belong to 'dead-letters reingest'");
            }
            if (reingest && (eventId == null) == !all) {
                throw new IllegalArgumentException("reingest needs exactly one of --event-id=<id> and --all");
            }
            if (all && userId != null) {
                throw new IllegalArgumentException("--user-id corrects one dead letter: use it with --event-id, not --all");
            }
            return new Options(reingest, eventId, userId, all, List.copyOf(spring));
        }

        private static String value(String arg, String prefix) {
            String value = arg.substring(prefix.length());
            if (value.isEmpty()) {
                throw new IllegalArgumentException(prefix + " needs a value");
            }
            return value;
        }
    }
}
