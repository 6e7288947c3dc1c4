package io.creditgate.gateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.creditgate.schemas.EventCodec;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * An append-only file of UsageRecorded events that Kafka could not take yet, drained in the order they were
 * written. One file, {@code usage-events.spool}:
 *
 * <pre>
 * file   = "CGSPOOL1" record*
 * record = length (int32, big-endian, bytes of event) crc (int32, CRC-32C of event) event
 * event  = the UsageRecorded in Avro single-object encoding (the bytes Kafka would carry)
 * </pre>
 *
 * A record counts once it is forced to disk. How far the file has been sent to Kafka is kept beside it, in
 * {@code usage-events.spool.drained} (position, CRC-32C of it). On start the file is checked record by record
 * from there: a torn last write (the gateway died while appending) fails its length or checksum, is copied
 * aside to {@code usage-events.spool.torn-<millis>} for inspection and cut off, and every whole record before
 * it is kept. When everything is drained, both files are deleted.
 *
 * <p>Appends come from any thread (never a Netty one: callers run them on a blocking-friendly scheduler) and
 * share one {@code fsync} when they arrive together; reads and {@link #markDrained} come from the one drainer
 * thread. A lock file keeps a second gateway from using the same directory.
 */
final class UsageSpool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageSpool.class);

    static final String FILE_NAME = "usage-events.spool";
    static final String DRAINED_FILE_NAME = "usage-events.spool.drained";
    private static final String LOCK_FILE_NAME = "spool.lock";
    private static final byte[] MAGIC = "CGSPOOL1".getBytes(StandardCharsets.US_ASCII);
    static final int FILE_HEADER_BYTES = MAGIC.length;
    static final int RECORD_HEADER_BYTES = UsageRecords.HEADER_BYTES;

    private final Path file;
    private final Path drainedFile;
    private final EventCodec codec;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private final Object appendLock = new Object();
    private final Object forceLock = new Object();
    private final Object recordsArrived = new Object();
    /** Guarded by appendLock; null while there is no spool file. */
    private FileChannel writer;
    /** Guarded by appendLock: end of the last record written. */
    private long written;
    /** Guarded by appendLock: records written or being written and not yet drained. */
    private int depth;
    /** End of the last record forced to disk: the drainer reads up to here. */
    private volatile long durable;
    /** Written by the drainer thread (and reset under appendLock): end of the last record sent to Kafka. */
    private volatile long drained;
    /** Drainer thread only. */
    private FileChannel reader;

    private UsageSpool(Path directory, EventCodec codec, FileChannel lockChannel, FileLock lock) {
        this.file = directory.resolve(FILE_NAME);
        this.drainedFile = directory.resolve(DRAINED_FILE_NAME);
        this.codec = codec;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the spool in {@code directory} (created if missing), takes its lock, and recovers what a previous
     * run left: whole records not yet drained are kept, a torn last write is set aside.
     *
     * @throws IllegalStateException when another gateway holds the directory
     */
    static UsageSpool open(Path directory, EventCodec codec) {
        try {
            Files.createDirectories(directory);
            FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE_NAME),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("The spool directory " + directory.toAbsolutePath() + " is in use by "
                        + "another gateway; give each gateway its own creditgate.spool.directory");
            }
            UsageSpool spool = new UsageSpool(directory, codec, lockChannel, lock);
            spool.recover();
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the usage spool in " + directory.toAbsolutePath(), e);
        }
    }

    /** Events spooled and not yet drained to Kafka. */
    int depth() {
        synchronized (appendLock) {
            return depth;
        }
    }

    /**
     * Appends the event only when older events are still waiting (so it does not overtake them on its way to
     * Kafka); returns false, writing nothing, when the spool is empty.
     */
    boolean appendIfBacklogged(UsageRecorded event) throws IOException {
        return append(event, true);
    }

    /** Appends the event; it is on disk when this returns. */
    void append(UsageRecorded event) throws IOException {
        append(event, false);
    }

    /** Appends the events, in order, behind any already waiting, with one force for all of them. */
    void appendAll(List<UsageRecorded> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        long end = 0;
        synchronized (appendLock) {
            for (UsageRecorded event : events) {
                end = write(UsageRecords.encode(codec, event));
            }
        }
        madeDurable(end);
    }

    private boolean append(UsageRecorded event, boolean onlyIfBacklogged) throws IOException {
        if (onlyIfBacklogged && depth() == 0) {
            // The common case, once per call: nothing waits, so nothing is encoded either.
            return false;
        }
        ByteBuffer record = UsageRecords.encode(codec, event);
        long end;
        synchronized (appendLock) {
            if (onlyIfBacklogged && depth == 0) {
                return false;
            }
            end = write(record);
        }
        madeDurable(end);
        return true;
    }

    /** Writes one record behind the others and counts it; returns where it ends. Under appendLock. */
    private long write(ByteBuffer record) throws IOException {
        FileChannel channel = writer();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        written = channel.position();
        depth++;
        return written;
    }

    /** Forces what was written up to {@code end} and wakes the drainer for it. */
    private void madeDurable(long end) throws IOException {
        forceUpTo(end);
        synchronized (recordsArrived) {
            recordsArrived.notifyAll();
        }
    }

    /**
     * Forces the file to disk up to {@code end} at least. Appends that arrive together share one force: the
     * first to get here forces everything written so far, the others find their record already durable.
     */
    private void forceUpTo(long end) throws IOException {
        synchronized (forceLock) {
            if (durable >= end) {
                return;
            }
            long target;
            FileChannel channel;
            synchronized (appendLock) {
                target = written;
                channel = writer;
            }
            channel.force(false);
            durable = target;
        }
    }

    /** Waits up to {@code millis} for records to drain; returns at once when some are waiting. */
    void awaitRecords(long millis) throws InterruptedException {
        synchronized (recordsArrived) {
            if (durable <= drained) {
                recordsArrived.wait(millis);
            }
        }
    }

    /** One spooled event and where its record ends in the file. */
    record Spooled(long end, UsageRecorded event) {
    }

    /** The next durable records after the drained ones, oldest first; at most {@code max}. Drainer thread only. */
    List<Spooled> readBatch(int max) throws IOException {
        long limit = durable;
        List<Spooled> batch = new ArrayList<>();
        if (limit <= drained) {
            return batch;
        }
        if (reader == null) {
            reader = FileChannel.open(file, StandardOpenOption.READ);
        }
        long position = drained;
        while (batch.size() < max && position < limit) {
            byte[] event = UsageRecords.read(reader, position, limit);
            if (event == null) {
                // Records before `durable` were checked when written; a failure here is damage on disk.
                throw new IOException("The usage spool " + file + " is damaged at byte " + position);
            }
            position += RECORD_HEADER_BYTES + event.length;
            batch.add(new Spooled(position, UsageRecords.decode(codec, event)));
        }
        return batch;
    }

    /**
     * Records that the events up to {@code end} are in Kafka ({@code count} of them). Deletes the spool when
     * nothing is left in it. Drainer thread only.
     */
    void markDrained(long end, int count) throws IOException {
        writeDrainedPosition(end);
        synchronized (appendLock) {
            drained = end;
            depth -= count;
            if (depth == 0 && drained == written) {
                reset();
            }
        }
    }

    /** Deletes the drained spool; the next append starts a new file. Under appendLock. */
    private void reset() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
        Files.deleteIfExists(drainedFile);
        Files.deleteIfExists(file);
        written = 0;
        durable = 0;
        drained = 0;
    }

    /** The channel appends go to, creating the file (with its magic bytes) when there is none. Under appendLock. */
    private FileChannel writer() throws IOException {
        if (writer == null) {
            boolean created = !Files.exists(file);
            writer = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (created || writer.size() < FILE_HEADER_BYTES) {
                writer.truncate(0);
                writer.write(ByteBuffer.wrap(MAGIC), 0);
                writer.force(true);
                written = FILE_HEADER_BYTES;
                durable = FILE_HEADER_BYTES;
                drained = FILE_HEADER_BYTES;
            }
            writer.position(written);
        }
        return writer;
    }

    /**
     * Takes up what a previous run left: checks every record after the drained position, cuts off a torn
     * tail, and counts what is still to be sent.
     */
    private void recover() throws IOException {
        if (!Files.exists(file)) {
            Files.deleteIfExists(drainedFile);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < FILE_HEADER_BYTES || !Arrays.equals(UsageRecords.readFully(channel, 0, FILE_HEADER_BYTES).array(), MAGIC)) {
                setAside(channel, 0, size, size < FILE_HEADER_BYTES ? "torn" : "unknown");
                channel.close();
                Files.delete(file);
                Files.deleteIfExists(drainedFile);
                return;
            }
            long start = readDrainedPosition(size);
            long position = start;
            int records = 0;
            byte[] event;
            while (position < size && (event = UsageRecords.read(channel, position, size)) != null) {
                position += RECORD_HEADER_BYTES + event.length;
                records++;
            }
            if (position < size) {
                setAside(channel, position, size, "torn");
                channel.truncate(position);
                channel.force(true);
            }
            synchronized (appendLock) {
                written = position;
                durable = position;
                depth = records;
            }
            drained = start;
            if (records == 0) {
                channel.close();
                synchronized (appendLock) {
                    reset();
                }
            } else {
                log.warn("The usage spool holds {} events that did not reach Kafka before the last stop; draining them",
                        records);
            }
        }
    }

    /** Copies the bytes [from, to) of a damaged spool aside, so nothing leaves the disk unseen. */
    private void setAside(FileChannel channel, long from, long to, String kind) throws IOException {
        Path aside = file.resolveSibling(FILE_NAME + "." + kind + "-" + System.currentTimeMillis());
        try (FileChannel copy = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.transferTo(from, to - from, copy);
        }
        log.error("The usage spool {} ends with {} bytes that are not a whole record (a write torn by a crash); "
                + "they were copied to {} and skipped", file, to - from, aside);
    }

    private long readDrainedPosition(long size) throws IOException {
        if (!Files.exists(drainedFile)) {
            return FILE_HEADER_BYTES;
        }
        ByteBuffer stored = ByteBuffer.wrap(Files.readAllBytes(drainedFile));
        if (stored.remaining() == 12) {
            long position = stored.getLong();
            CRC32C crc = new CRC32C();
            crc.update(stored.array(), 0, 8);
            if ((int) crc.getValue() == stored.getInt() && position >= FILE_HEADER_BYTES && position <= size) {
                return position;
            }
        }
        // Better send an event twice (the ledger drops the repeat by eventId) than never.
        log.warn("The drained position of the usage spool {} is unreadable; every event in it will be sent again", file);
        return FILE_HEADER_BYTES;
    }

    private void writeDrainedPosition(long position) throws IOException {
        ByteBuffer stored = ByteBuffer.allocate(12).putLong(position);
        CRC32C crc = new CRC32C();
        crc.update(stored.array(), 0, 8);
        stored.putInt((int) crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(drainedFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (stored.hasRemaining()) {
                channel.write(stored, stored.position());
            }
            channel.force(false);
        }
    }

    /** Releases the directory lock; whatever is still spooled stays on disk for the next start. */
    @Override
    public void close() {
        synchronized (appendLock) {
            try {
                if (writer != null) {
                    writer.force(true);
                    writer.close();
                    writer = null;
                }
                if (reader != null) {
                    reader.close();
                    reader = null;
                }
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                log.warn("Closing the usage spool {} failed: {}", file, e.toString());
            }
        }
    }
}
