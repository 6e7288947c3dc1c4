package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/** The account cache keeps the most recently used accounts up to its bound and tells Axon's listeners. */
class AccountCacheTest {

    @Test
    void keepsTheMostRecentlyUsedAccountsUpToItsBound() {
        AccountCache cache = new AccountCache(2);
        List<String> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add((String) key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1); // a is now the most recent
        cache.put("c", 3);
        assertThat(expired).containsExactly("b");
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void putIfAbsentComputeAndRemoveBehaveLikeAMap() {
        AccountCache cache = new AccountCache(10);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat((Integer) cache.computeIfAbsent("b", () -> 5)).isEqualTo(5);
        cache.<Integer>computeIfPresent("b", value -> value + 1);
        assertThat((Integer) cache.get("b")).isEqualTo(6);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();
        assertThat(cache.size()).isZero();
        assertThat((Object) cache.get("b")).isNull();
    }
}
