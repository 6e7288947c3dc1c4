package io.creditgate.ledger.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of one account's journal: every event carries (in its Axon metadata, key
 * {@value #PREVIOUS_HASH}) the hash of the event before it, so a changed, removed or reordered event breaks
 * the chain at the next link. The aggregate and the audit replay both advance one of these, event by event.
 *
 * <p>{@code hash(n) = SHA-256(UTF-8("creditgate-ledger-v1|" + type + "|" + n + "|" + previousHash(n) + "|")
 * + canonical(event n))}, lowercase hex, where {@code type} is the event record's simple class name, {@code n}
 * its sequence number in the account (0 for {@code AccountOpened}, = Axon's sequence number) and
 * {@code canonical} the event's {@link CanonicalJson} bytes. The first event's previous hash is {@link #GENESIS} (64 zeros).
 *
 * <p>The canonical bytes are also the stored bytes (the event serializer writes {@link CanonicalJson}), so the
 * aggregate knows the hash before Axon stores anything, and a replay checks a stored link by hashing what is stored:
 * a byte flipped in a payload changes the hash, so the next link no longer matches; the last event of an account is
 * checked against the copy on the journal topic.
 */
// Snapshots (decision 31) store the chain's head with the account: its fields, as they are.
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        setterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class JournalChain {

    public static final String PREVIOUS_HASH = "previousHash";
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private String head = GENESIS;
    private long nextSequence;

    /** The hash of the last event appended ({@link #GENESIS} before the first): the next event's previous hash. */
    public String head() {
        return head;
    }

    /** The sequence number the next event must have. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Links {@code event} as the next one of the account and returns its hash. */
    public String append(LedgerEvent event) {
        return append(event.getClass().getSimpleName(), CanonicalJson.write(event));
    }

    /** Links an event of {@code type} (simple class name), given as its canonical bytes, as the next one; its hash. */
    public String append(String type, byte[] canonical) {
        head = hash(type, nextSequence, head, canonical);
        nextSequence++;
        return head;
    }

    /** The hash of {@code event} at {@code sequence} after an event that hashed to {@code previousHash}. */
    public static String hash(LedgerEvent event, long sequence, String previousHash) {
        return hash(event.getClass().getSimpleName(), sequence, previousHash, CanonicalJson.write(event));
    }

    /** The hash of the event of {@code type} stored as {@code canonical} at {@code sequence} after {@code previousHash}. */
    public static String hash(String type, long sequence, String previousHash, byte[] canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("creditgate-ledger-v1|" + type + "|" + sequence + "|" + previousHash + "|")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(canonical);
            return HEX.formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
