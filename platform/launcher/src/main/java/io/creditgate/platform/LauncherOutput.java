package io.creditgate.platform;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends whatever this JVM writes to its standard output and error (logback's console appender, the embedded
 * servers' own prints, java.util.logging's console handler) to a file instead of the terminal. Done before anything
 * logs: logback's console appender writes to whatever {@code System.out} is at the time of each line, but
 * java.util.logging's handler keeps the stream it found when it was made.
 */
final class LauncherOutput {

    private LauncherOutput() {
    }

    /** From now on {@code System.out} and {@code System.err} append to {@code file}; the streams they were stay usable. */
    static void redirectTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            PrintStream log = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
            System.setOut(log);
            System.setErr(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the launcher's log " + file, e);
        }
    }
}
