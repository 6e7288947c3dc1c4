package io.creditgate.payment.topup;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

import io.creditgate.payment.customer.SavedCard;
import io.creditgate.payment.customer.StripeCustomers;
import io.creditgate.payment.pack.Pack;
import io.creditgate.payment.pack.PackCatalog;
import io.creditgate.schemas.event.AccountBalanceChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides, in PostgreSQL and before any money moves, whether a balance change earns a top-up, and claims it: the
 * user's setting row is locked (claims of one user queue behind each other, on every instance) and the claim is a row
 * keyed by (user, sequence), inserted once. No claim while one is pending, while the last one's credit has not reached
 * the ledger yet, for a balance event not newer than the last top-up's trigger or credit, shortly after a failure, or
 * past the monthly cap.
 */
@Component
class TopUpClaims {

    /** Why a balance change claimed nothing; logged at debug, handy in tests and when a user asks. */
    enum Skip { OFF, ABOVE_THRESHOLD, NO_CARD, PACK_UNAVAILABLE, STALE_EVENT, PENDING, AWAITING_CREDIT, RETRY_LATER,
        MONTHLY_CAP }

    private static final Logger log = LoggerFactory.getLogger(TopUpClaims.class);

    private final TopUpStore store;
    private final StripeCustomers customers;
    private final PackCatalog packs;
    private final TopUpProperties properties;
    private final Clock clock;

    TopUpClaims(TopUpStore store, StripeCustomers customers, PackCatalog packs, TopUpProperties properties) {
        this.store = store;
        this.customers = customers;
        this.packs = packs;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** Notes the ledger's credit of an earlier top-up, then claims the next one if the balance earns it. */
    @Transactional
    public Optional<TopUpClaim> claimFor(AccountBalanceChanged balance) {
        String userId = balance.getUserId();
        store.markCredited(userId, balance.getCauseEventId(), balance.getVersion());
        if (!fresh(balance)) {
            log.debug("No top-up for {}: balance event {} is older than {}", userId, balance.getEventId(),
                    properties.maxEventAge());
            return Optional.empty();
        }
        Optional<AutoTopUpSetting> setting = store.lockSetting(userId);
        Skip skip = setting.isEmpty() ? Skip.OFF : whyNot(setting.get(), balance);
        if (skip != null) {
            log.debug("No top-up for {} at version {}: {}", userId, balance.getVersion(), skip);
            return Optional.empty();
        }
        return Optional.of(claim(setting.get(), balance));
    }

    private Skip whyNot(AutoTopUpSetting setting, AccountBalanceChanged balance) {
        if (!setting.enabled()) {
            return Skip.OFF;
        }
        if (balance.getBalanceCredits() >= setting.thresholdCredits()) {
            return Skip.ABOVE_THRESHOLD;
        }
        Optional<TopUpStore.LastTopUp> last = store.last(setting.userId());
        if (last.isPresent()) {
            Skip lastSays = whyNotAfter(last.get(), balance.getVersion());
            if (lastSays != null) {
                return lastSays;
            }
        }
        Optional<Pack> pack = packs.find(setting.packId());
        if (pack.isEmpty()) {
            return Skip.PACK_UNAVAILABLE;
        }
        if (customers.savedCard(setting.userId()).isEmpty()) {
            return Skip.NO_CARD;
        }
        long charged = store.chargedInMonth(setting.userId(), month(), pack.get().currency());
        return charged + pack.get().priceMinor() > setting.monthlyCapMinor() ? Skip.MONTHLY_CAP : null;
    }

    private Skip whyNotAfter(TopUpStore.LastTopUp last, long version) {
        if (version <= last.triggerVersion()) {
            return Skip.STALE_EVENT;
        }
        return switch (last.status()) {
            case PENDING -> Skip.PENDING;
            // Until the ledger folded the credit every balance it publishes still lacks it: a top-up now would be a
            // second one for the same shortfall.
            case SUCCEEDED -> last.creditedVersion() == null ? Skip.AWAITING_CREDIT
                    : version <= last.creditedVersion() ? Skip.STALE_EVENT : null;
            case FAILED, NEEDS_AUTHENTICATION -> last.finishedAt() != null
                    && last.finishedAt().plus(properties.retryAfterFailure()).isAfter(clock.instant())
                    ? Skip.RETRY_LATER : null;
        };
    }

    private TopUpClaim claim(AutoTopUpSetting setting, AccountBalanceChanged balance) {
        Pack pack = packs.find(setting.packId()).orElseThrow();
        SavedCard card = customers.savedCard(setting.userId()).orElseThrow();
        long sequence = store.last(setting.userId()).map(last -> last.sequence() + 1).orElse(1L);
        TopUpClaim claim = new TopUpClaim(setting.userId(), sequence, pack.id(), pack.credits(), pack.priceMinor(),
                pack.currency(), card.customerId(), card.paymentMethodId());
        store.insertClaim(claim, month(), balance.getEventId(), balance.getVersion());
        log.info("Top-up {} claimed: balance {} below {} at version {}", claim.idempotencyKey(),
                balance.getBalanceCredits(), setting.thresholdCredits(), balance.getVersion());
        return claim;
    }

    /** True when the event is recent enough to act on. */
    private boolean fresh(AccountBalanceChanged balance) {
        Instant occurred = balance.getOccurredAt();
        return occurred != null && occurred.plus(properties.maxEventAge()).isAfter(clock.instant());
    }

    private String month() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
    }
}
