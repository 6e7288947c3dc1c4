package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data cache of a real service jar: extracted once, recorded on the first run, used after, redone when the jar changes. */
class ClassDataSharingTest {

    private static final long LAUNCHER_PID = 4242;

    @Test
    void extractsOnceRecordsFirstUsesTheArchiveAfterAndStartsAgainForANewJar(@TempDir Path services) throws Exception {
        Path jar = services.resolve("payment-service.jar");
        Files.copy(Path.of(System.getProperty("creditgate.services.dir")).resolve("payment-service.jar"), jar);
        Path cache = services.resolve("cds").resolve("payment-service");

        ClassDataSharing cds = ClassDataSharing.prepare("payment-service", services);
        Path extracted = cache.resolve("app").resolve("payment-service.jar");
        assertThat(extracted).as("Spring Boot's extracted application jar").isRegularFile();
        assertThat(cache.resolve("app").resolve("lib")).isDirectory();
        Path recording = cache.resolve("payment-service.jsa." + LAUNCHER_PID + ".recording");
        assertThat(cds.launchArguments(LAUNCHER_PID)).as("the first run records")
                .containsExactly("-XX:ArchiveClassesAtExit=" + recording, "-Xshare:auto", "-jar", extracted.toString());

        // A service killed before the JVM wrote anything leaves an empty file at most: not an archive.
        Files.createFile(recording);
        cds.keepRecording(LAUNCHER_PID);
        assertThat(cds.archive()).doesNotExist();
        assertThat(recording).doesNotExist();

        // What the JVM writes at exit; the launcher keeps it once the service has stopped in time.
        Files.writeString(recording, "archive bytes");
        cds.keepRecording(LAUNCHER_PID);
        assertThat(recording).doesNotExist();
        assertThat(cds.archive()).hasContent("archive bytes");
        FileTime extractedAt = Files.getLastModifiedTime(extracted);
        ClassDataSharing again = ClassDataSharing.prepare("payment-service", services);
        assertThat(again.launchArguments(LAUNCHER_PID)).as("later runs map the archive")
                .containsExactly("-XX:SharedArchiveFile=" + cds.archive(), "-Xshare:auto", "-jar", extracted.toString());
        assertThat(Files.getLastModifiedTime(extracted)).as("not extracted again").isEqualTo(extractedAt);

        // A rebuilt jar: its classes may differ, so the archive goes and the next run records again.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        ClassDataSharing rebuilt = ClassDataSharing.prepare("payment-service", services);
        assertThat(rebuilt.archive()).doesNotExist();
        assertThat(rebuilt.launchArguments(LAUNCHER_PID).get(0)).startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(extracted).isRegularFile();

        // Another JDK would refuse the archive and, finding one, never record a new one: it is recorded again.
        Files.writeString(rebuilt.archive(), "archive of this JDK");
        Path stamp = cache.resolve("extracted-from");
        String ofThisJdk = Files.readString(stamp);
        assertThat(ofThisJdk).endsWith(" " + System.getProperty("java.vm.version"));
        Files.writeString(stamp, ofThisJdk.replace(System.getProperty("java.vm.version"), "17.0.1+12"));
        ClassDataSharing otherJdk = ClassDataSharing.prepare("payment-service", services);
        assertThat(otherJdk.archive()).doesNotExist();
        assertThat(otherJdk.launchArguments(LAUNCHER_PID).get(0)).startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(stamp).hasContent(ofThisJdk);
    }
}
