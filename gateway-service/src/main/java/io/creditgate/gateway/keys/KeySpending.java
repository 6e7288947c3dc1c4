package io.creditgate.gateway.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Adds a finished call's cost to the budget of the virtual key it was made with (nothing for calls made with
 * the service key or a JWT). Runs detached: the caller never waits for it. The budget is checked before each
 * call, so a key can overshoot its budget by what its calls in flight cost; the user's own credits are
 * enforced exactly by admission either way.
 */
@Component
public class KeySpending {

    private static final Logger log = LoggerFactory.getLogger(KeySpending.class);

    private final HotKeys hotKeys;
    private final KeyStore store;

    KeySpending(HotKeys hotKeys, KeyStore store) {
        this.hotKeys = hotKeys;
        this.store = store;
    }

    /**
     * The hook for the end of a metered call: {@code charged(call.user.virtualKeyHash(), cost)}.
     *
     * @param keySha256 the hash of the key the call was made with; null (service key, JWT) charges no key
     */
    public void charged(String keySha256, long costCredits) {
        if (keySha256 == null || costCredits <= 0) {
            return;
        }
        charge(keySha256, costCredits).subscribe(null, failure -> log.warn(
                "The spend of {} credits of a virtual key was lost: {}", costCredits, failure.toString()));
    }

    /** Redis counts the spend; PostgreSQL does when Redis cannot (down, or emptied by a restart). */
    Mono<Void> charge(String keySha256, long costCredits) {
        return hotKeys.charge(keySha256, costCredits)
                .flatMap(spent -> spent < 0 ? store.addSpent(keySha256, costCredits) : Mono.<Void>empty())
                .onErrorResume(failure -> {
                    log.warn("Redis could not count a virtual key's spend ({}); saving it in PostgreSQL", failure.toString());
                    return store.addSpent(keySha256, costCredits);
                })
                .then();
    }
}
