package io.creditgate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when a schema change would break reading events already on the topics
 * (they are kept forever), or when a changed schema was not released into {@code history/}.
 */
class SchemaHistoryTest {

    static Stream<Class<?>> eventTypes() {
        return Topics.ALL.stream().flatMap(topic -> topic.codec().types().stream());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void currentSchemaIsTheLatestReleasedOne(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = EventCodec.SchemaHistory.of(type.getSimpleName());
        assertThat(history)
                .as("%s has no released schema; add history/%s/v1.avsc", type.getSimpleName(), type.getSimpleName())
                .isNotEmpty();
        assertThat(SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1)))
                .as("%s changed: release it as history/%s/v%d.avsc (its full JSON), keeping every older file",
                        type.getSimpleName(), type.getSimpleName(), history.size() + 1)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void currentSchemaReadsEveryReleasedWriterSchema(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        for (Schema writer : EventCodec.SchemaHistory.of(type.getSimpleName())) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType())
                    .as("%s can no longer read events written with %s", type.getSimpleName(), writer)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void decodesBytesWrittenWithEveryReleasedSchemaIntoTheCurrentClass(Class<?> type) throws Exception {
        EventCodec codec = Topics.ALL.stream().map(Topic::codec).filter(c -> c.types().contains(type)).findFirst().orElseThrow();
        for (Schema writer : EventCodec.SchemaHistory.of(type.getSimpleName())) {
            GenericRecord old = SampleRecords.filled(writer);
            ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(old);
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            SpecificRecord decoded = codec.decode(array);
            assertThat(decoded).isInstanceOf(type);
            assertThat(decoded.get(0).toString()).isEqualTo(old.get(0).toString());
        }
    }

    @org.junit.jupiter.api.Test
    void theCheckCatchesAFieldAddedWithoutDefault() {
        Schema released = EventCodec.SchemaHistory.of("UsageRecorded").get(0);
        String json = released.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"tenantId\",\"type\":\"string\"},");
        Schema broken = new Schema.Parser().parse(json);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }
}
