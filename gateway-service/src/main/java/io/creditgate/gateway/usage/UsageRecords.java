package io.creditgate.gateway.usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

import io.creditgate.schemas.EventCodec;
import io.creditgate.schemas.UnreadableEventException;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * The record both local files of UsageRecorded events use, the {@link UsageSpool} and the {@link UsageJournal}:
 *
 * <pre>
 * record = length (int32, big-endian, bytes of event) crc (int32, CRC-32C of event) event
 * event  = the UsageRecorded in Avro single-object encoding (the bytes Kafka would carry)
 * </pre>
 *
 * A record that is cut short or fails its checksum is a write torn by a crash, never an event.
 */
final class UsageRecords {

    static final int HEADER_BYTES = 8;
    /** A UsageRecorded is a few hundred bytes; a length beyond this is a torn or foreign write, not an event. */
    static final int MAX_EVENT_BYTES = 1 << 20;

    private UsageRecords() {
    }

    static ByteBuffer encode(EventCodec codec, UsageRecorded event) {
        byte[] bytes = codec.encode(event);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + bytes.length);
        record.putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).flip();
        return record;
    }

    static UsageRecorded decode(EventCodec codec, byte[] bytes) throws IOException {
        try {
            return (UsageRecorded) codec.decode(bytes);
        } catch (UnreadableEventException | ClassCastException e) {
            throw new IOException("A stored usage event cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The event bytes of the record at {@code position}, or null when the record is not whole before
     * {@code limit} or fails its checksum (a torn write).
     */
    static byte[] read(FileChannel channel, long position, long limit) throws IOException {
        if (limit - position < HEADER_BYTES) {
            return null;
        }
        ByteBuffer header = readFully(channel, position, HEADER_BYTES);
        int length = header.getInt();
        int checksum = header.getInt();
        if (length <= 0 || length > MAX_EVENT_BYTES || limit - position - HEADER_BYTES < length) {
            return null;
        }
        byte[] event = readFully(channel, position + HEADER_BYTES, length).array();
        CRC32C crc = new CRC32C();
        crc.update(event);
        return (int) crc.getValue() == checksum ? event : null;
    }

    static ByteBuffer readFully(FileChannel channel, long position, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("Unexpected end of file " + channel);
            }
        }
        return buffer.flip();
    }
}
