package io.creditgate.schemas;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds a record of any of our schemas with a distinct value in every field. */
final class SampleRecords {

    private SampleRecords() {
    }

    static GenericRecord filled(Schema schema) {
        GenericData.Record record = new GenericData.Record(schema);
        int n = 1;
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema(), field.name(), n++));
        }
        return record;
    }

    private static Object value(Schema schema, String name, int n) {
        return switch (schema.getType()) {
            case STRING -> name + "-" + n;
            case LONG -> (long) n * 1_000;
            case INT -> n;
            case BOOLEAN -> n % 2 == 0;
            case DOUBLE -> n / 2.0;
            case BYTES -> java.nio.ByteBuffer.wrap((name + "-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case RECORD -> filled(schema);
            case UNION -> value(schema.getTypes().get(schema.getTypes().size() - 1), name, n);
            case NULL -> null;
            default -> throw new IllegalArgumentException("Add a sample value for " + schema.getType());
        };
    }
}
