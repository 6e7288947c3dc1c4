package io.creditgate.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;

/** The spool file: what is appended comes back in order, survives a restart, and a torn last write is skipped. */
class UsageSpoolTest {

    @TempDir
    Path directory;

    @Test
    void givesBackWhatWasAppendedInOrderAndDeletesItselfWhenDrained() throws IOException {
        List<UsageRecorded> appended = List.of(SampleUsage.event(), SampleUsage.event(), SampleUsage.event());
        try (UsageSpool spool = open()) {
            assertThat(spool.appendIfBacklogged(SampleUsage.event())).isFalse();
            for (UsageRecorded event : appended) {
                spool.append(event);
            }
            assertThat(spool.depth()).isEqualTo(3);

            List<UsageSpool.Spooled> batch = spool.readBatch(10);
            assertThat(batch).extracting(UsageSpool.Spooled::event).containsExactlyElementsOf(appended);
            spool.markDrained(batch.get(1).end(), 2);
            assertThat(spool.depth()).isEqualTo(1);
            assertThat(spool.readBatch(10)).extracting(UsageSpool.Spooled::event).containsExactly(appended.get(2));
            spool.markDrained(batch.get(2).end(), 1);

            assertThat(spool.depth()).isZero();
            assertThat(directory.resolve(UsageSpool.FILE_NAME)).doesNotExist();
            assertThat(directory.resolve(UsageSpool.DRAINED_FILE_NAME)).doesNotExist();
            UsageRecorded later = SampleUsage.event();
            spool.append(later);
            assertThat(spool.readBatch(10)).extracting(UsageSpool.Spooled::event).containsExactly(later);
        }
    }

    @Test
    void keepsWhatIsNotDrainedAcrossARestart() throws IOException {
        List<UsageRecorded> appended = List.of(SampleUsage.event(), SampleUsage.event(), SampleUsage.event());
        try (UsageSpool spool = open()) {
            for (UsageRecorded event : appended) {
                spool.append(event);
            }
            List<UsageSpool.Spooled> batch = spool.readBatch(1);
            spool.markDrained(batch.get(0).end(), 1);
        }

        try (UsageSpool reopened = open()) {
            assertThat(reopened.depth()).isEqualTo(2);
            assertThat(reopened.readBatch(10)).extracting(UsageSpool.Spooled::event)
                    .containsExactly(appended.get(1), appended.get(2));
            // Events appended after the restart go behind the ones left over.
            UsageRecorded later = SampleUsage.event();
            assertThat(reopened.appendIfBacklogged(later)).isTrue();
            assertThat(reopened.readBatch(10)).extracting(UsageSpool.Spooled::event)
                    .containsExactly(appended.get(1), appended.get(2), later);
        }
    }

    @Test
    void skipsATornLastRecordOnRecoveryAndSetsItsBytesAside() throws IOException {
        List<UsageRecorded> appended = List.of(SampleUsage.event(), SampleUsage.event());
        try (UsageSpool spool = open()) {
            for (UsageRecorded event : appended) {
                spool.append(event);
            }
        }
        Path file = directory.resolve(UsageSpool.FILE_NAME);
        long whole = Files.size(file);
        byte[] next = Topics.USAGE_EVENTS.codec().encode(SampleUsage.event());
        // The gateway died in the middle of writing a third record.
        Files.write(file, ByteBuffer.allocate(8 + next.length / 2).putInt(next.length).putInt(12345)
                .put(next, 0, next.length / 2).array(), StandardOpenOption.APPEND);

        try (UsageSpool recovered = open()) {
            assertThat(recovered.depth()).isEqualTo(2);
            assertThat(recovered.readBatch(10)).extracting(UsageSpool.Spooled::event).containsExactlyElementsOf(appended);
            assertThat(Files.size(file)).isEqualTo(whole);
            UsageRecorded later = SampleUsage.event();
            recovered.append(later);
            assertThat(recovered.readBatch(10)).extracting(UsageSpool.Spooled::event).last().isEqualTo(later);
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(UsageSpool.FILE_NAME + ".torn-"));
        }
    }

    @Test
    void skipsALastRecordWhoseChecksumDoesNotMatch() throws IOException {
        try (UsageSpool spool = open()) {
            spool.append(SampleUsage.event());
            spool.append(SampleUsage.event());
        }
        Path file = directory.resolve(UsageSpool.FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // Flip the last byte of the last record: its length is fine, its checksum is not.
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), channel.size() - 1);
        }

        try (UsageSpool recovered = open()) {
            assertThat(recovered.depth()).isEqualTo(1);
        }
    }

    @Test
    void sharesOneFileBetweenConcurrentAppendsWithoutLosingAny() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (UsageSpool spool = open()) {
            List<Future<UsageRecorded>> appends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(threads.submit(() -> {
                    UsageRecorded event = SampleUsage.event();
                    spool.append(event);
                    return event;
                }));
            }
            List<String> appended = new ArrayList<>();
            for (Future<UsageRecorded> append : appends) {
                appended.add(append.get().getEventId());
            }
            assertThat(spool.readBatch(1000)).extracting(spooled -> spooled.event().getEventId())
                    .containsExactlyInAnyOrderElementsOf(appended);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void refusesADirectoryAnotherGatewayHolds() {
        try (UsageSpool first = open()) {
            assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another gateway");
        }
    }

    private UsageSpool open() {
        return UsageSpool.open(directory, Topics.USAGE_EVENTS.codec());
    }
}
