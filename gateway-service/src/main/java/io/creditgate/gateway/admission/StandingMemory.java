package io.creditgate.gateway.admission;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.creditgate.gateway.identity.UserId;

/**
 * What this gateway last learned from Redis of each user's standing, so that open mode keeps chats going without
 * making them free (decision 68). While Redis cannot answer (or answers without the user's account, having lost its
 * data), a user last seen out of credits or blocked stays refused, and any other user may spend at most what they
 * were last seen able to afford, less what this gateway admitted them since; a user this gateway never saw gets the
 * {@code unknownUserCredits} allowance. A fresh answer from Redis replaces what was remembered.
 *
 * <p>Bounded: two generations of at most {@code maxUsers / 2} entries each; when the young one fills, the old one is
 * dropped, so the users seen least recently are forgotten first, at O(1) per call.
 */
final class StandingMemory {

    /** What {@link #admitUnchecked} answers for a user remembered as blocked or out of credits. */
    static final long REFUSED = -1;
    static final long BLOCKED = -2;

    /** One user's last known standing and what this gateway admitted them without Redis since. */
    private static final class Standing {
        /** What Redis said was available, plus what checked calls gave back since (reserved − cost). */
        final AtomicLong availableCredits;
        final boolean blocked;
        final boolean hadAccount;
        final AtomicLong spentUnchecked = new AtomicLong();

        Standing(long availableCredits, boolean blocked, boolean hadAccount) {
            this.availableCredits = new AtomicLong(availableCredits);
            this.blocked = blocked;
            this.hadAccount = hadAccount;
        }
    }

    private final int generationSize;
    private final long unknownUserCredits;
    private volatile ConcurrentHashMap<String, Standing> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, Standing> old = new ConcurrentHashMap<>();

    StandingMemory(int maxUsers, long unknownUserCredits) {
        if (maxUsers < 2) {
            throw new IllegalArgumentException("creditgate.admission.remembered-users must be at least 2");
        }
        if (unknownUserCredits < 0) {
            throw new IllegalArgumentException("creditgate.admission.open-unknown-user-credits must not be negative");
        }
        this.generationSize = maxUsers / 2;
        this.unknownUserCredits = unknownUserCredits;
    }

    /**
     * Redis answered for the user: what they may still spend after this call's reservation (≤ 0 when refused),
     * whether an admin blocked them, and whether the ledger's account was in Redis (false for a user new to the ledger).
     */
    void learned(UserId user, long availableCredits, boolean blocked, boolean hadAccount) {
        remember(user.value(), new Standing(availableCredits, blocked, hadAccount));
    }

    /**
     * A call admitted through Redis ended: its reservation gave back {@code credits} (reserved − cost, or all of it
     * when released). Every standing learned before this moment counted the whole reservation, so the current one
     * is set right.
     */
    void returned(UserId user, long credits) {
        Standing standing = find(user.value());
        if (standing != null) {
            standing.availableCredits.addAndGet(credits);
        }
    }

    /** True when Redis once held this user's account: if it answers without it now, it lost its data. */
    boolean hadAccount(UserId user) {
        Standing standing = find(user.value());
        return standing != null && standing.hadAccount;
    }

    /**
     * What an unchecked admission gave one call: {@link #credits} granted (at most the credits requested), or
     * {@link #REFUSED} or {@link #BLOCKED}. What is granted counts as spent until {@link #ended} sets the real cost.
     */
    static final class Grant {
        private final Standing standing;
        private final long credits;

        private Grant(Standing standing, long credits) {
            this.standing = standing;
            this.credits = credits;
        }

        long credits() {
            return credits;
        }

        /** The call ended having cost {@code costCredits} (0 when it never reached the upstream). */
        void ended(long costCredits) {
            if (credits > 0) {
                standing.spentUnchecked.addAndGet(costCredits - credits);
            }
        }
    }

    /** Admits a call without Redis, from what is remembered of the user. */
    Grant admitUnchecked(UserId user, long requestedCredits) {
        Standing standing = find(user.value());
        if (standing == null) {
            standing = remember(user.value(), new Standing(unknownUserCredits, false, false));
        }
        if (standing.blocked) {
            return new Grant(standing, BLOCKED);
        }
        while (true) {
            long spent = standing.spentUnchecked.get();
            long remaining = standing.availableCredits.get() - spent;
            if (remaining <= 0) {
                return new Grant(standing, REFUSED);
            }
            long granted = Math.min(requestedCredits, remaining);
            if (standing.spentUnchecked.compareAndSet(spent, spent + granted)) {
                return new Grant(standing, granted);
            }
        }
    }

    private Standing find(String user) {
        Standing standing = young.get(user);
        return standing != null ? standing : old.get(user);
    }

    private Standing remember(String user, Standing standing) {
        ConcurrentHashMap<String, Standing> generation = young;
        if (generation.size() >= generationSize) {
            synchronized (this) {
                if (young == generation) {
                    old = generation;
                    young = new ConcurrentHashMap<>();
                }
            }
            generation = young;
        }
        generation.put(user, standing);
        return standing;
    }
}
