package io.creditgate.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a service from an AppCDS archive of the classes it loaded last time, which saves a large part of each
 * service's start (docs/decisions.md 77, 80: the platform's banner after 11.6 s instead of 21). JDK 17's class-data sharing only archives classes of the built-in class
 * loaders, not those of Spring Boot's nested-jar loader, so the service jar is first extracted once with Spring Boot's
 * own tool ({@code -Djarmode=tools extract}: the application jar and {@code lib/} on a plain class path). The first
 * run records the archive as the service exits ({@code -XX:ArchiveClassesAtExit}, written to a temporary name and
 * moved into place only once complete); later runs map it ({@code -XX:SharedArchiveFile}). A rebuilt jar is
 * extracted again and recorded again; the JVM itself also refuses an archive whose class path changed.
 *
 * <p>The cache lives beside the service jars ({@code <services dir>/cds/<service>/}), not in the data directory,
 * which is a new temporary one on every run by default. When that directory cannot be written the service simply
 * starts from its jar.
 */
final class ClassDataSharing {

    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final long EXTRACT_TIMEOUT_SECONDS = 300;

    private final String service;
    private final Path jar;
    private final Path dir;

    private ClassDataSharing(String service, Path jar, Path dir) {
        this.service = service;
        this.jar = jar;
        this.dir = dir;
    }

    /** The cache of {@code <servicesDir>/<service>.jar}, extracted now if it is missing or older than the jar. */
    static ClassDataSharing prepare(String service, Path servicesDir) {
        Path jar = servicesDir.resolve(service + ".jar");
        ClassDataSharing cds = new ClassDataSharing(service, jar, servicesDir.resolve("cds").resolve(service));
        cds.extractUnlessCurrent();
        return cds;
    }

    /** The JVM options and jar that start the service: {@code -jar} last, the options before it. */
    List<String> launchArguments(long launcherPid) {
        Path archive = archive();
        String record = Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
                : "-XX:ArchiveClassesAtExit=" + recording(launcherPid);
        return List.of(record, "-Xshare:auto", "-jar", extractedJar().toString());
    }

    /**
     * Called once the service has exited: a complete recording becomes the archive the next runs use. An archive is
     * only written when the JVM exits normally (SIGTERM included); after a forced kill there is none to keep.
     */
    void keepRecording(long launcherPid) {
        Path recording = recording(launcherPid);
        try {
            if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            log.warn("Could not keep the class-data archive of {}: {}", service, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(recording);
            } catch (IOException e) {
                log.debug("Could not delete {}: {}", recording, e.getMessage());
            }
        }
    }

    Path archive() {
        return dir.resolve(service + ".jsa");
    }

    /** Each launcher records under a name of its own, so two platforms stopping at once never mix their writes. */
    private Path recording(long launcherPid) {
        return dir.resolve(service + ".jsa." + launcherPid + ".recording");
    }

    private Path extractedJar() {
        return dir.resolve("app").resolve(service + ".jar");
    }

    /**
     * The jar's size and time and the JVM's version, as written when it was extracted: a different jar, or another
     * JDK (whose JVM would refuse the archive and never record a new one), means extracting and recording again.
     */
    private String stampOfJar() throws IOException {
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + System.getProperty("java.vm.version");
    }

    /**
     * Under a file lock, so that two launchers starting at once on one services directory never delete what the
     * other is extracting (the second finds the first's extraction current).
     */
    private void extractUnlessCurrent() {
        Path stamp = dir.resolve("extracted-from");
        try {
            Files.createDirectories(dir.getParent());
            try (FileChannel lockFile = FileChannel.open(dir.getParent().resolve(service + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(stampOfJar())
                        && Files.isRegularFile(extractedJar())) {
                    return;
                }
                deleteRecursively(dir);
                Files.createDirectories(dir);
                extract();
                Files.writeString(stamp, stampOfJar(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + jar + " into " + dir, e);
        }
    }

    private void extract() throws IOException {
        Path output = dir.resolve("extract.log");
        Process process = new ProcessBuilder(ServiceProcess.javaCommand(), "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", dir.resolve("app").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("extracting failed; see " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while extracting", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
