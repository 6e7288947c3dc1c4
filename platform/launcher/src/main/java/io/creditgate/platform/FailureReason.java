package io.creditgate.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a service's log that say why it stopped, for the terminal. A Spring Boot failure report ("APPLICATION
 * FAILED TO START", its description and action) is the best reason there is; otherwise the last lines that are not
 * stack frames, which keeps the exception's message and each {@code Caused by:} and drops the hundreds of
 * {@code at ...} lines a newcomer does not need to see first.
 */
final class FailureReason {

    /** At most this many lines reach the terminal; the whole log is named beside them. */
    static final int LINES_MAX = 15;
    /** How far back from the end of the log the reason is looked for. */
    private static final int TAIL_LINES_MAX = 400;
    private static final String BOOT_FAILURE_REPORT = "APPLICATION FAILED TO START";
    private static final String SPRING_BOOT_BANNER_END = ":: Spring Boot ::";

    private FailureReason() {
    }

    /** The reason as found in {@code log}; empty when the file is missing or empty. */
    static List<String> in(Path log) {
        try {
            return of(Files.readAllLines(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> of(List<String> logLines) {
        List<String> tail = logLines.subList(Math.max(0, logLines.size() - TAIL_LINES_MAX), logLines.size());
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (tail.get(i).contains(BOOT_FAILURE_REPORT)) {
                return withoutBlankLines(tail.subList(i + 1, Math.min(tail.size(), i + 1 + LINES_MAX + 8)));
            }
        }
        List<String> reason = new ArrayList<>();
        for (String line : tail) {
            if (line.contains(SPRING_BOOT_BANNER_END)) {
                // The banner's ASCII art says nothing about the failure.
                reason.clear();
            } else if (!isStackFrame(line) && !line.isBlank()) {
                reason.add(line);
            }
        }
        return reason.subList(Math.max(0, reason.size() - LINES_MAX), reason.size());
    }

    private static List<String> withoutBlankLines(List<String> lines) {
        List<String> kept = lines.stream().filter(line -> !line.isBlank() && !line.startsWith("*****")).toList();
        return kept.subList(0, Math.min(kept.size(), LINES_MAX));
    }

    private static boolean isStackFrame(String line) {
        String stripped = line.stripLeading();
        return stripped.startsWith("at ") || stripped.matches("\\.\\.\\. \\d+ (more|common frames omitted)");
    }
}
