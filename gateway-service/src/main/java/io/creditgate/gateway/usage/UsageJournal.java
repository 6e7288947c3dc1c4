package io.creditgate.gateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.creditgate.schemas.EventCodec;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * Every call's UsageRecorded, written here before the call's answer ends and kept until Kafka acknowledged it or
 * the {@link UsageSpool} forced it to disk (decision 67). The write goes to the page cache without waiting for the
 * disk, so it costs microseconds and survives the gateway's process (a {@code kill -9}) but not the machine; a
 * background force every {@code force-interval} bounds what a machine loss can take to the events answered in that
 * interval and not yet in Kafka.
 *
 * <p>Files {@code usage-<sequence>.journal} in {@code <spool directory>/journal}, each a run of
 * {@link UsageRecords}. A file is deleted once every event in it is settled; while the newest one has nothing
 * unsettled it is emptied. On start, the events of the files a stopped process left are handed to the spool (they
 * may have reached Kafka already: every consumer drops a repeated eventId) before anything else is recorded.
 */
final class UsageJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageJournal.class);
    static final String DIRECTORY = "journal";
    private static final String PREFIX = "usage-";
    private static final String SUFFIX = ".journal";

    /** Where an event was written: hand it back to {@link #settled} once Kafka or the spool holds the event. */
    static final class Segment {
        private final long sequence;
        private final Path path;
        private final FileChannel channel;
        /** Guarded by the journal's lock. */
        private long size;
        private int unsettled;
        private boolean sealed;
        private boolean closed;

        private Segment(long sequence, Path path, FileChannel channel) {
            this.sequence = sequence;
            this.path = path;
            this.channel = channel;
        }
    }

    /** Takes the events a stopped gateway left in its journal; returns once they are durable elsewhere. */
    @FunctionalInterface
    interface Recovery {
        void take(List<UsageRecorded> events) throws IOException;
    }

    private final Path directory;
    private final EventCodec codec;
    private final long segmentBytes;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final List<Segment> live = new ArrayList<>();
    /** Guarded by lock. */
    private Segment current;
    /** Guarded by lock. */
    private long nextSequence;
    /** Guarded by lock: events written and not settled, over all segments. */
    private long unsettled;
    private final ScheduledExecutorService forcer;

    private UsageJournal(Path directory, EventCodec codec, long segmentBytes, Duration forceInterval) {
        this.directory = directory;
        this.codec = codec;
        this.segmentBytes = segmentBytes;
        this.forcer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "usage-journal-force");
            thread.setDaemon(true);
            return thread;
        });
        long millis = forceInterval.toMillis();
        forcer.scheduleWithFixedDelay(this::force, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the journal in {@code directory} (created if missing) after handing what a previous run left to
     * {@code recovery}; the left files are deleted only once it returned.
     */
    static UsageJournal open(Path directory, EventCodec codec, long segmentBytes, Duration forceInterval,
                             Recovery recovery) {
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("The usage journal's segments must hold at least 4096 bytes");
        }
        try {
            Files.createDirectories(directory);
            List<Path> left = leftFiles(directory);
            long nextSequence = 0;
            List<UsageRecorded> events = new ArrayList<>();
            for (Path file : left) {
                nextSequence = Math.max(nextSequence, sequenceOf(file) + 1);
                events.addAll(read(file, codec));
            }
            if (!events.isEmpty()) {
                log.warn("The usage journal holds {} events from the last run that may not have reached Kafka; "
                        + "spooling them (a repeat is dropped by eventId downstream)", events.size());
                recovery.take(events);
            }
            for (Path file : left) {
                Files.delete(file);
            }
            UsageJournal journal = new UsageJournal(directory, codec, segmentBytes, forceInterval);
            journal.nextSequence = nextSequence;
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the usage journal in " + directory.toAbsolutePath(), e);
        }
    }

    /** Writes the event (to the page cache: it survives this process from here on); returns where it went. */
    Segment append(UsageRecorded event) throws IOException {
        ByteBuffer record = UsageRecords.encode(codec, event);
        synchronized (lock) {
            Segment segment = writable();
            int bytes = record.remaining();
            while (record.hasRemaining()) {
                segment.channel.write(record);
            }
            segment.size += bytes;
            segment.unsettled++;
            unsettled++;
            return segment;
        }
    }

    /** The event written to {@code segment} is in Kafka or forced into the spool: the journal may forget it. */
    void settled(Segment segment) {
        synchronized (lock) {
            segment.unsettled--;
            unsettled--;
            if (segment.unsettled > 0) {
                return;
            }
            try {
                if (segment.sealed) {
                    retire(segment);
                } else {
                    // The newest file holds only settled events: empty it, so a restart re-sends nothing.
                    segment.channel.truncate(0);
                    segment.channel.position(0);
                    segment.size = 0;
                }
            } catch (IOException e) {
                log.warn("Tidying the usage journal file {} failed ({}); its events would be sent again after a "
                        + "restart", segment.path, e.toString());
            }
        }
    }

    /** Events written and not yet settled. */
    long unsettled() {
        synchronized (lock) {
            return unsettled;
        }
    }

    /** The segment to write to: the current one, or a new one when it is full. Under lock. */
    private Segment writable() throws IOException {
        if (current != null && current.size >= segmentBytes) {
            current.sealed = true;
            current = null;
        }
        if (current == null) {
            long sequence = nextSequence++;
            Path path = directory.resolve(PREFIX + sequence + SUFFIX);
            current = new Segment(sequence, path, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            live.add(current);
        }
        return current;
    }

    /** Closes and deletes a sealed segment whose events are all settled. Under lock. */
    private void retire(Segment segment) throws IOException {
        live.remove(segment);
        segment.closed = true;
        segment.channel.close();
        Files.deleteIfExists(segment.path);
    }

    /** Forces what was written to disk: bounds what a machine loss takes (a process kill takes nothing). */
    private void force() {
        List<Segment> segments;
        synchronized (lock) {
            segments = new ArrayList<>(live);
        }
        for (Segment segment : segments) {
            try {
                if (!segment.closed) {
                    segment.channel.force(false);
                }
            } catch (java.nio.channels.ClosedChannelException e) {
                // Retired while being forced: nothing of it is needed any more.
            } catch (IOException e) {
                log.warn("Forcing the usage journal file {} to disk failed: {}", segment.path, e.toString());
            }
        }
    }

    private static List<Path> leftFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
                    })
                    .sorted((a, b) -> Long.compare(sequenceOf(a), sequenceOf(b)))
                    .toList();
        }
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The whole records of a file; a torn tail (the machine died mid-write) ends it. */
    private static List<UsageRecorded> read(Path file, EventCodec codec) throws IOException {
        List<UsageRecorded> events = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            byte[] event;
            while (position < size && (event = UsageRecords.read(channel, position, size)) != null) {
                events.add(UsageRecords.decode(codec, event));
                position += UsageRecords.HEADER_BYTES + event.length;
            }
            if (position < size) {
                log.error("The usage journal file {} ends with {} bytes that are not a whole record (a write torn by "
                        + "a machine crash); the {} whole events before them are kept", file, size - position,
                        events.size());
            }
        }
        return events;
    }

    /** Forces and closes every file; what is unsettled stays on disk for the next start. */
    @Override
    public void close() {
        forcer.shutdownNow();
        synchronized (lock) {
            for (Segment segment : List.copyOf(live)) {
                try {
                    if (segment.unsettled == 0) {
                        retire(segment);
                    } else {
                        segment.channel.force(false);
                        segment.channel.close();
                        segment.closed = true;
                    }
                } catch (IOException e) {
                    log.warn("Closing the usage journal file {} failed: {}", segment.path, e.toString());
                }
            }
            live.clear();
            current = null;
        }
    }
}
