package io.creditgate.ledger.account;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loading accounts fast: an in-memory cache of accounts and snapshots. Snapshots: once an account was loaded (or grew) by more than {@code threshold} events since
 * its last snapshot, Axon stores the account (fold, hash chain head) in {@code snapshotevententry} after the command
 * commits; the next load reads that snapshot and only the events after it. An account of a million events thus loads
 * at most {@code threshold} events, whatever its age.
 */
@Configuration(proxyBeanMethods = false)
class AccountSnapshots {

    static final String TRIGGER = "accountSnapshotTrigger";
    public static final String CACHE = "accountCache";

    /** @param threshold events loaded or applied since the last snapshot that make the next one (env CREDITGATE_SNAPSHOT_THRESHOLD) */
    @ConfigurationProperties("creditgate.snapshot")
    record SnapshotProperties(@DefaultValue("500") int threshold) {

        SnapshotProperties {
            if (threshold < 1) {
                throw new IllegalArgumentException("creditgate.snapshot.threshold must be at least 1");
            }
        }
    }

    /**
     * The most recently used accounts stay in memory between commands ({@link AccountCache}), so a busy account is not
     * reloaded for every usage. Safe with several nodes: an append on a stale cached account clashes with the event
     * store's unique (account, sequence) index, the command rolls back, Axon evicts the account, and the retry loads
     * it afresh.
     */
    @Bean(CACHE)
    org.axonframework.common.caching.Cache accountCache(CacheProperties properties) {
        return new AccountCache(properties.maxAccounts());
    }

    /** @param maxAccounts accounts kept in memory (env CREDITGATE_ACCOUNT_CACHE_MAX_ACCOUNTS) */
    @ConfigurationProperties("creditgate.account-cache")
    record CacheProperties(@DefaultValue("10000") int maxAccounts) {

        CacheProperties {
            if (maxAccounts < 1) {
                throw new IllegalArgumentException("creditgate.account-cache.max-accounts must be at least 1");
            }
        }
    }

    @Bean(TRIGGER)
    SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter, SnapshotProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.threshold());
    }
}
