package io.creditgate.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * The journal of answered calls: what is not settled when the process stops comes back at the next start, what is
 * settled does not, and its files do not outgrow what is in flight.
 */
class UsageJournalTest {

    private static final long SEGMENT_BYTES = 4096;

    @TempDir
    Path directory;

    private final List<UsageRecorded> recovered = new ArrayList<>();

    @Test
    void givesBackAtTheNextStartEveryEventLeftUnsettledInOrder() throws IOException {
        UsageRecorded settled = SampleUsage.event();
        UsageRecorded first = SampleUsage.event();
        UsageRecorded second = SampleUsage.event();
        UsageJournal journal = open();
        journal.settled(journal.append(settled));
        journal.append(first);
        journal.append(second);
        assertThat(journal.unsettled()).isEqualTo(2);
        // A kill -9 runs no close(): the files stay as the writes left them.

        UsageJournal reopened = open();

        assertThat(recovered).containsExactly(first, second);
        assertThat(reopened.unsettled()).isZero();
        assertThat(journalFiles()).isEmpty();
        reopened.close();
    }

    @Test
    void aJournalWhoseEventsAreAllSettledGivesNothingBack() throws IOException {
        UsageJournal journal = open();
        for (int i = 0; i < 50; i++) {
            journal.settled(journal.append(SampleUsage.event()));
        }

        open().close();

        assertThat(recovered).isEmpty();
    }

    @Test
    void startsANewFileWhenOneIsFullAndDeletesAFullOneOnceAllItsEventsAreSettled() throws IOException {
        try (UsageJournal journal = open()) {
            List<UsageJournal.Segment> written = new ArrayList<>();
            while (journalFiles().size() < 3) {
                written.add(journal.append(SampleUsage.event()));
            }
            UsageJournal.Segment last = written.get(written.size() - 1);
            for (UsageJournal.Segment segment : written) {
                if (segment != last) {
                    journal.settled(segment);
                }
            }

            assertThat(journalFiles()).hasSize(1);
            assertThat(journal.unsettled()).isEqualTo(written.stream().filter(s -> s == last).count());
        }
    }

    @Test
    void closingKeepsOnlyWhatIsUnsettled() throws IOException {
        UsageRecorded unsettled = SampleUsage.event();
        try (UsageJournal journal = open()) {
            journal.settled(journal.append(SampleUsage.event()));
            journal.append(unsettled);
        }

        open().close();

        assertThat(recovered).containsExactly(unsettled);
    }

    @Test
    void keepsTheWholeEventsOfAFileWhoseLastWriteWasTorn() throws IOException {
        UsageRecorded whole = SampleUsage.event();
        UsageJournal journal = open();
        journal.append(whole);
        Path file = journalFiles().get(0);
        Files.write(file, new byte[] {0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND);

        open().close();

        assertThat(recovered).containsExactly(whole);
    }

    @Test
    void aStartWhoseRecoveryFailsKeepsTheFilesForTheNextTry() throws IOException {
        UsageRecorded left = SampleUsage.event();
        open().append(left);

        try {
            UsageJournal.open(directory, Topics.USAGE_EVENTS.codec(), SEGMENT_BYTES, Duration.ofMillis(50), events -> {
                throw new IOException("spool disk full");
            });
        } catch (RuntimeException expected) {
            assertThat(expected).hasRootCauseMessage("spool disk full");
        }

        open().close();
        assertThat(recovered).containsExactly(left);
    }

    private UsageJournal open() {
        return UsageJournal.open(directory, Topics.USAGE_EVENTS.codec(), SEGMENT_BYTES, Duration.ofMillis(50),
                recovered::addAll);
    }

    private List<Path> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".journal")).sorted().toList();
        }
    }
}
