package io.creditgate.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;

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
        UsageRecorded settled = event();
        UsageRecorded first = event();
        UsageRecorded second = event();
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
            journal.settled(journal.append(event()));
        }

        open().close();

        assertThat(recovered).isEmpty();
    }

    @Test
    void startsANewFileWhenOneIsFullAndDeletesAFullOneOnceAllItsEventsAreSettled() throws IOException {
        try (UsageJournal journal = open()) {
            List<UsageJournal.Segment> written = new ArrayList<>();
            while (journalFiles().size() < 3) {
                written.add(journal.append(event()));
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
        UsageRecorded unsettled = event();
        try (UsageJournal journal = open()) {
            journal.settled(journal.append(event()));
            journal.append(unsettled);
        }

        open().close();

        assertThat(recovered).containsExactly(unsettled);
    }

    @Test
    void keepsTheWholeEventsOfAFileWhoseLastWriteWasTorn() throws IOException {
        UsageRecorded whole = event();
        UsageJournal journal = open();
        journal.append(whole);
        Path file = journalFiles().get(0);
        Files.write(file, new byte[] {0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND);

        open().close();

        assertThat(recovered).containsExactly(whole);
    }

    @Test
    void aStartWhoseRecoveryFailsKeepsTheFilesForTheNextTry() throws IOException {
        UsageRecorded left = event();
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

    private static UsageRecorded event() {
        return UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.parse("2026-12-07T10:00:00Z"))
                .setUserId("user-1")
                .setModel("gpt-4o-mini")
                .setEndpoint("chat.completions")
                .setPromptTokens(10)
                .setCachedPromptTokens(0)
                .setCompletionTokens(20)
                .setReasoningTokens(0)
                .setCostCredits(14)
                .setUsageSource(UsageSource.EXACT)
                .setStream(false)
                .setOutcome(CallOutcome.COMPLETED)
                .setRequestId(UUID.randomUUID().toString())
                .setLatencyMs(5)
                .build();
    }
}
