package io.creditgate.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes and decodes Creditgate events with Avro single-object encoding: {@code C3 01}, the
 * 8-byte CRC-64-AVRO fingerprint of the writer schema, then the binary body. No schema
 * registry is needed because every writer schema that ever existed ships in this module
 * ({@code history/<Record>/vN.avsc}); a reader resolves old events to the current classes.
 *
 * <p>One codec can hold several record types, so one topic may carry several event types: the
 * fingerprint says which one an event is. Instances are immutable and thread-safe.
 */
public final class EventCodec {

    private static final int HEADER_BYTES = 10;

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new java.util.LinkedHashMap<>();
    private final Map<Long, BinaryMessageDecoder<SpecificRecord>> decodersByFingerprint = new HashMap<>();

    private EventCodec(List<Class<? extends SpecificRecord>> types) {
        for (Class<? extends SpecificRecord> type : types) {
            register(type);
        }
    }

    /** A codec for exactly these record types (their current and every historic schema). */
    @SafeVarargs
    public static EventCodec of(Class<? extends SpecificRecord>... types) {
        return new EventCodec(List.of(types));
    }

    private void register(Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.get().getSchema(type);
        trustGeneratedClasses(type, current);
        encoders.put(type, new BinaryMessageEncoder<>(SpecificData.get(), current));
        SchemaStore.Cache store = new SchemaStore.Cache();
        List<Schema> writers = new ArrayList<>(SchemaHistory.of(type.getSimpleName()));
        writers.add(current);
        writers.forEach(store::addSchema);
        BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current, store);
        for (Schema writer : writers) {
            decodersByFingerprint.put(SchemaNormalization.parsingFingerprint64(writer), decoder);
        }
    }

    /**
     * Avro 1.12.2 refuses to instantiate classes it has not been told to trust whenever it
     * resolves an old writer schema to a current class. Trusting exactly the classes of our own
     * schemas here means no JVM needs {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}.
     */
    private static synchronized void trustGeneratedClasses(Class<?> type, Schema schema) {
        ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
        for (String name : namedTypes(schema, new java.util.LinkedHashSet<>())) {
            try {
                trusted.add(Class.forName(name, false, type.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Schema " + schema.getFullName() + " names a type with no generated class: " + name, e);
            }
        }
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), trusted.build()));
    }

    private static java.util.Set<String> namedTypes(Schema schema, java.util.Set<String> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (found.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> namedTypes(field.schema(), found));
                }
            }
            case ENUM, FIXED -> found.add(schema.getFullName());
            case UNION -> schema.getTypes().forEach(member -> namedTypes(member, found));
            case ARRAY -> namedTypes(schema.getElementType(), found);
            case MAP -> namedTypes(schema.getValueType(), found);
            default -> {
            }
        }
        return found;
    }

    /** The record types this codec reads and writes. */
    public java.util.Set<Class<?>> types() {
        return java.util.Collections.unmodifiableSet(encoders.keySet());
    }

    /** Serializes an event of a registered type. */
    public byte[] encode(SpecificRecord event) {
        Objects.requireNonNull(event, "event");
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(event.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException("Not a registered event type: " + event.getClass().getName());
        }
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deserializes one event into its current class.
     *
     * @throws UnreadableEventException when the bytes are not single-object encoded, or were
     *     written with a schema this codec does not know
     */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new UnreadableEventException("not an Avro single-object encoded event");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        BinaryMessageDecoder<SpecificRecord> decoder = decodersByFingerprint.get(fingerprint);
        if (decoder == null) {
            throw new UnreadableEventException("unknown writer schema fingerprint " + Long.toHexString(fingerprint));
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException | MissingSchemaException e) {
            throw new UnreadableEventException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("corrupt event body: " + e.getMessage());
        }
    }

    /** The schemas of one record type that were ever released, oldest first. */
    public static final class SchemaHistory {
        private static final int MAX_VERSIONS = 1000;

        /** Every released schema of the named record, oldest first (empty when none was released). */
        public static List<Schema> of(String recordName) {
            List<Schema> schemas = new ArrayList<>();
            for (int version = 1; version <= MAX_VERSIONS; version++) {
                String path = "history/" + recordName + "/v" + version + ".avsc";
                try (InputStream in = EventCodec.class.getResourceAsStream(path)) {
                    if (in == null) {
                        break;
                    }
                    // A fresh parser per file: each historic file is self-contained.
                    schemas.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return schemas;
        }

        private SchemaHistory() {
        }
    }
}
