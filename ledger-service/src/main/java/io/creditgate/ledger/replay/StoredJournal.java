package io.creditgate.ledger.replay;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.creditgate.ledger.account.JournalChain;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The journal in PostgreSQL (Axon's {@code domainevententry}), read inside the replay's snapshot transaction. */
final class StoredJournal {

    static final String ACCOUNT_AGGREGATE = "CreditAccount";
    private static final int FETCH_SIZE = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] HASH_KEY = ("\"" + JournalChain.PREVIOUS_HASH + "\":\"").getBytes(StandardCharsets.US_ASCII);

    private final JdbcTemplate jdbc;

    StoredJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Where the snapshot ends: each account's last sequence number and the highest global index. The replay folds the
     * journal topic up to exactly this point, whatever was published after.
     */
    record Cut(Map<String, Long> versions, long maxGlobalIndex) {
    }

    Cut cut() {
        Map<String, Long> versions = new HashMap<>();
        jdbc.query("SELECT aggregateidentifier, max(sequencenumber) FROM domainevententry WHERE type = ? "
                + "GROUP BY aggregateidentifier", rs -> {
                    versions.put(rs.getString(1), rs.getLong(2));
                }, ACCOUNT_AGGREGATE);
        Long max = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return new Cut(versions, max == null ? -1 : max);
    }

    long count() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = ?", Long.class, ACCOUNT_AGGREGATE);
    }

    /** Streams every account event, in global order; returns how many. */
    long read(Consumer<JournalEntry> sink) {
        long[] rows = {0};
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT aggregateidentifier, sequencenumber, payloadtype, payload, metadata, globalindex
                    FROM domainevententry WHERE type = ? ORDER BY globalindex""");
            statement.setFetchSize(FETCH_SIZE);
            binaryTransfer(statement);
            statement.setString(1, ACCOUNT_AGGREGATE);
            return statement;
        }, rs -> {
            String payloadType = rs.getString(3);
            sink.accept(new JournalEntry(rs.getString(1), rs.getLong(2),
                    payloadType.substring(payloadType.lastIndexOf('.') + 1), previousHash(rs.getBytes(5)), rs.getBytes(4),
                    rs.getLong(6)));
            rows[0]++;
        });
        return rows[0];
    }

    /**
     * pgjdbc sends bytea as hex text unless the statement is server-prepared; a one-off query is not, so ask for binary
     * transfer from the first execution (prepareThreshold -1). Reflection: the driver is a runtime dependency.
     */
    private static void binaryTransfer(PreparedStatement statement) {
        try {
            Class<?> pgStatement = Class.forName("org.postgresql.PGStatement");
            if (statement.isWrapperFor(pgStatement)) {
                pgStatement.getMethod("setPrepareThreshold", int.class).invoke(statement.unwrap(pgStatement), -1);
            }
        } catch (ReflectiveOperationException | SQLException e) {
            // Another driver: the replay is correct either way, only slower.
        }
    }

    /** The link in an event's metadata, null when it has none. */
    static String previousHash(byte[] metadata) {
        if (metadata == null) {
            return null;
        }
        // Fast path: the metadata Axon writes is {"previousHash":"<64 hex>"}; anything else is parsed as JSON.
        int at = indexOf(metadata, HASH_KEY, 0);
        if (at >= 0 && at + HASH_KEY.length + 65 <= metadata.length && metadata[at + HASH_KEY.length + 64] == '"'
                && indexOf(metadata, HASH_KEY, at + 1) < 0) {
            return new String(metadata, at + HASH_KEY.length, 64, StandardCharsets.ISO_8859_1);
        }
        try {
            JsonNode value = JSON.readTree(metadata).findValue(JournalChain.PREVIOUS_HASH);
            return value == null ? null : value.asString();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
