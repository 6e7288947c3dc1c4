package io.creditgate.ledger.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Replays accounts in parallel (decision 33): the reader hands each entry to the worker of its account (by hash), in
 * chunks, so an account's events stay in order on one thread and accounts never share state.
 */
final class AccountWorkers {

    private static final int CHUNK = 1_000;
    private static final List<JournalEntry> END = List.of();

    private final List<BlockingQueue<List<JournalEntry>>> queues = new ArrayList<>();
    private final List<List<JournalEntry>> pending = new ArrayList<>();
    private final List<Map<String, AccountReplay>> accounts = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    /** @param newAccount the replay of an account seen for the first time */
    AccountWorkers(String name, int workers, Function<String, AccountReplay> newAccount) {
        for (int i = 0; i < workers; i++) {
            BlockingQueue<List<JournalEntry>> queue = new ArrayBlockingQueue<>(16);
            Map<String, AccountReplay> mine = new HashMap<>();
            queues.add(queue);
            pending.add(new ArrayList<>(CHUNK));
            accounts.add(mine);
            Thread thread = new Thread(() -> work(queue, mine, newAccount), name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void work(BlockingQueue<List<JournalEntry>> queue, Map<String, AccountReplay> mine,
            Function<String, AccountReplay> newAccount) {
        try {
            for (List<JournalEntry> chunk = queue.take(); chunk != END; chunk = queue.take()) {
                for (JournalEntry entry : chunk) {
                    mine.computeIfAbsent(entry.userId(), newAccount).next(entry);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            queue.clear();
        }
    }

    void add(JournalEntry entry) {
        int worker = Math.floorMod(entry.userId().hashCode(), queues.size());
        List<JournalEntry> chunk = pending.get(worker);
        chunk.add(entry);
        if (chunk.size() == CHUNK) {
            put(worker, chunk);
            pending.set(worker, new ArrayList<>(CHUNK));
        }
    }

    private void put(int worker, List<JournalEntry> chunk) {
        try {
            while (!queues.get(worker).offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    /** Hands over the last chunks, waits for every worker, rethrows a worker's failure; every account replayed. */
    Map<String, AccountReplay> finish() {
        for (int i = 0; i < queues.size(); i++) {
            if (!pending.get(i).isEmpty()) {
                put(i, pending.get(i));
            }
            put(i, END);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Map<String, AccountReplay> all = new HashMap<>();
        accounts.forEach(all::putAll);
        return all;
    }

    /** Stops the workers without waiting for their queues (the replay failed elsewhere). */
    void abandon() {
        threads.forEach(Thread::interrupt);
    }
}
