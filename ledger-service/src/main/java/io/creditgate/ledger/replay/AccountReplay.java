package io.creditgate.ledger.replay;

import java.util.concurrent.ConcurrentHashMap;

import io.creditgate.ledger.account.AccountState;
import io.creditgate.ledger.account.CanonicalJson;
import io.creditgate.ledger.account.JournalChain;
import io.creditgate.ledger.account.LedgerEvent;
import io.creditgate.ledger.replay.ReplayReport.BrokenLink;

/**
 * One account being replayed from one source: its hash chain, optionally its fold ({@link AccountState}, the
 * aggregate's own), and the first broken link once one is found (nothing after it is trusted).
 */
final class AccountReplay {

    private static final ConcurrentHashMap<String, Class<? extends LedgerEvent>> TYPES = new ConcurrentHashMap<>();

    final String userId;
    final String source;
    /** Null when this replay only checks the chain. */
    final AccountState state;
    final JournalChain chain = new JournalChain();
    BrokenLink broken;

    AccountReplay(String userId, String source, boolean fold) {
        this.userId = userId;
        this.source = source;
        this.state = fold ? new AccountState() : null;
    }

    /** The version folded so far: the sequence number of the last event linked, -1 before the first. */
    long version() {
        return chain.nextSequence() - 1;
    }

    void next(JournalEntry entry) {
        if (broken != null) {
            return;
        }
        long sequence = entry.sequence();
        if (sequence != chain.nextSequence()) {
            broken = link(sequence, null, "expected sequence " + chain.nextSequence() + " but found " + sequence
                    + " (an event was removed, repeated or reordered)");
            return;
        }
        if (!chain.head().equals(entry.previousHash())) {
            broken = link(sequence, entry.previousHash(), sequence == 0
                    ? "the first event does not start the chain"
                    : "the previous hash does not match event " + (sequence - 1) + " (it, or this link, was changed)");
            return;
        }
        if (state != null && !fold(entry)) {
            return;
        }
        chain.append(entry.type(), entry.payload());
    }

    private boolean fold(JournalEntry entry) {
        LedgerEvent event;
        try {
            event = CanonicalJson.read(entry.payload(), type(entry.type()));
        } catch (RuntimeException unreadable) {
            broken = link(entry.sequence(), entry.previousHash(), "unreadable event: " + unreadable.getMessage());
            return false;
        }
        try {
            state.apply(event);
            return true;
        } catch (RuntimeException inconsistent) {
            broken = link(entry.sequence(), entry.previousHash(), "the fold rejects the event: " + inconsistent.getMessage());
            return false;
        }
    }

    private BrokenLink link(long sequence, String found, String reason) {
        return new BrokenLink(userId, source, sequence, chain.head(), found, reason);
    }

    /** The ledger event class of a simple name, e.g. {@code UsageCharged}. */
    private static Class<? extends LedgerEvent> type(String simpleName) {
        return TYPES.computeIfAbsent(simpleName, name -> {
            try {
                Class<?> type = Class.forName(LedgerEvent.class.getPackageName() + "." + name);
                if (!LedgerEvent.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException(name + " is not a ledger event");
                }
                return type.asSubclass(LedgerEvent.class);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("unknown ledger event type " + name);
            }
        });
    }
}
