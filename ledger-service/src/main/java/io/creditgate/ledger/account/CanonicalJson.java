package io.creditgate.ledger.account;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of a ledger event: what Axon stores in the journal, what the journal topic carries and what the
 * hash chain covers ({@link JournalChain}). Compact, properties sorted by name, instants as ISO-8601 (Jackson 3's
 * defaults otherwise). The event serializer is configured with {@link #configure} (eventstore), so the stored bytes are
 * exactly the bytes the aggregate hashed, and a replay verifies a link by hashing the stored bytes, without decoding.
 */
public final class CanonicalJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private CanonicalJson() {
    }

    /** Applies the canonical settings to a mapper builder (Axon's event serializer gets them too). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);
    }

    /** The canonical bytes of {@code event}. */
    public static byte[] write(LedgerEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /** Reads an event of the given type from its canonical bytes. */
    public static <T extends LedgerEvent> T read(byte[] canonical, Class<T> type) {
        return MAPPER.readValue(canonical, type);
    }
}
