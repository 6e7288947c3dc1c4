package io.creditgate.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.account.CanonicalJson;
import io.creditgate.ledger.account.JournalChain;
import io.creditgate.ledger.account.LedgerEvent;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.LedgerJournalEntry;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Every journal event reaches the journal topic in full: the stored bytes, the link, the position. */
class JournalPublicationTest extends LedgerServiceTestBase {

    @Test
    void everyJournalEventIsPublishedWithItsStoredBytesAndItsLinkInJournalOrder() throws Exception {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "welcome", "grantId": "g1"}""").status()).isEqualTo(201);
        publishUsage(usage(user, "u1-" + user, 1_234));
        awaitVersion(user, 2);
        assertThat(postJson("/api/admin/accounts/" + user + "/block", """
                {"reason": "fraud check"}""", "Bearer " + ADMIN_KEY).status()).isEqualTo(200);
        awaitVersion(user, 3);

        List<Map<String, Object>> stored = jdbc.queryForList("""
                SELECT sequencenumber, globalindex, eventidentifier, payloadtype, payload FROM domainevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber""", user);
        assertThat(stored).hasSize(4);
        List<SpecificRecord> published = recordsOf(Topics.LEDGER_JOURNAL, user, 4);
        assertThat(published).hasSize(4);

        String previous = JournalChain.GENESIS;
        for (int i = 0; i < 4; i++) {
            LedgerJournalEntry entry = (LedgerJournalEntry) published.get(i);
            Map<String, Object> row = stored.get(i);
            byte[] payload = bytes(entry.getPayload());
            assertThat(entry.getUserId()).isEqualTo(user);
            assertThat(entry.getSequence()).isEqualTo(i);
            assertThat(entry.getGlobalIndex()).isEqualTo(((Number) row.get("globalindex")).longValue());
            assertThat(entry.getEventId()).isEqualTo(row.get("eventidentifier"));
            String payloadType = (String) row.get("payloadtype");
            assertThat(entry.getEventType()).isEqualTo(payloadType.substring(payloadType.lastIndexOf('.') + 1));
            assertThat(payload).as("entry %d carries the stored bytes", i).isEqualTo((byte[]) row.get("payload"));
            assertThat(entry.getPreviousHash()).as("entry %d links to the one before", i).isEqualTo(previous);

            // The stored bytes are the canonical form the aggregate hashed: decoding and writing again gives them back.
            LedgerEvent event = CanonicalJson.read(payload, Class.forName(payloadType).asSubclass(LedgerEvent.class));
            assertThat(CanonicalJson.write(event)).isEqualTo(payload);
            previous = JournalChain.hash(entry.getEventType(), i, previous, payload);
        }
        assertThat(((LedgerJournalEntry) published.get(3)).getEventType()).isEqualTo("UserBlocked");
        assertThat(meters.get("ledger.journal.published").counter().count()).isGreaterThanOrEqualTo(4);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
