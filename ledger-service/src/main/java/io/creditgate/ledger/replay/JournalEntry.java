package io.creditgate.ledger.replay;

/**
 * One journal event as a replay reads it, from the event store or from the journal topic.
 *
 * @param type the event record's simple class name (e.g. {@code UsageCharged})
 * @param previousHash the link it carries ({@code null} when it carries none)
 * @param payload its canonical JSON, as stored
 * @param globalIndex its position in the event store
 */
record JournalEntry(String userId, long sequence, String type, String previousHash, byte[] payload, long globalIndex) {
}
