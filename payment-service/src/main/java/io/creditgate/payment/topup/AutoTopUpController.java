package io.creditgate.payment.topup;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

import io.creditgate.payment.customer.CardCheckouts;
import io.creditgate.payment.customer.StripeCustomers;
import io.creditgate.payment.pack.Pack;
import io.creditgate.payment.pack.PackCatalog;
import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import io.creditgate.web.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's auto top-up: read and change the opt-in (own account or ADMIN), and save the card it charges (own account:
 * only the card holder can type a card in).
 */
@RestController
class AutoTopUpController {

    /** Ten million US dollars in credits: a threshold above it is a typo, not a plan. */
    static final long THRESHOLD_CREDITS_MAX = 10_000_000_000_000L;
    /** A monthly cap above a million (in the currency's minor unit: ten thousand dollars or reais) is a typo too. */
    static final long MONTHLY_CAP_MINOR_MAX = 1_000_000_00L;

    /** The change a user asks for; every field is required. */
    record AutoTopUpRequest(Boolean enabled, Long thresholdCredits, String packId, Long monthlyCapMinor) {
    }

    record CardView(String brand, String last4) {
    }

    /**
     * @param currency the pack's currency, in which {@code monthlyCapMinor} and {@code chargedThisMonthMinor} count
     * @param card the saved card; null when none was saved yet (auto top-up cannot charge then)
     */
    record AutoTopUpView(String userId, boolean enabled, long thresholdCredits, String packId, long monthlyCapMinor,
                         String currency, long chargedThisMonthMinor, int failuresInARow, CardView card) {
    }

    /** @param url Stripe's hosted Checkout page (mode {@code setup}), where the user saves the card */
    record CardCheckoutStarted(String url) {
    }

    private final TopUpStore store;
    private final PackCatalog packs;
    private final StripeCustomers customers;
    private final CardCheckouts cards;
    AutoTopUpController(TopUpStore store, PackCatalog packs, StripeCustomers customers, CardCheckouts cards) {
        this.store = store;
        this.packs = packs;
        this.customers = customers;
        this.cards = cards;
    }

    @GetMapping("/api/payments/users/{userId}/auto-top-up")
    AutoTopUpView get(@PathVariable String userId) {
        return view(UserIdParameter.require(userId).value());
    }

    @PutMapping("/api/payments/users/{userId}/auto-top-up")
    AutoTopUpView put(@PathVariable String userId, @RequestBody AutoTopUpRequest request, Caller caller) {
        String user = UserIdParameter.require(userId).value();
        if (request.enabled() == null || request.thresholdCredits() == null || request.packId() == null
                || request.monthlyCapMinor() == null) {
            throw ApiException.badRequest("enabled, thresholdCredits, packId and monthlyCapMinor are required");
        }
        if (request.thresholdCredits() < 0 || request.thresholdCredits() > THRESHOLD_CREDITS_MAX) {
            throw ApiException.badRequest("thresholdCredits must be between 0 and " + THRESHOLD_CREDITS_MAX);
        }
        Pack pack = packs.find(request.packId()).orElseThrow(() -> ApiException.badRequest("pack_unknown",
                "packId: no pack " + request.packId() + " on sale"));
        if (request.monthlyCapMinor() < pack.priceMinor() || request.monthlyCapMinor() > MONTHLY_CAP_MINOR_MAX) {
            throw ApiException.badRequest("monthlyCapMinor must be at least the pack's price (" + pack.priceMinor()
                    + " " + pack.currency() + ") and at most " + MONTHLY_CAP_MINOR_MAX);
        }
        store.saveSetting(user, request.enabled(), request.thresholdCredits(), pack.id(), request.monthlyCapMinor(),
                caller.actor());
        return view(user);
    }

    /** A Checkout Session that saves a card for auto top-up, in the currency of the chosen pack. */
    @PostMapping("/api/payments/users/{userId}/auto-top-up/card")
    CardCheckoutStarted saveCard(@PathVariable String userId) {
        String user = UserIdParameter.require(userId).value();
        String currency = store.setting(user).flatMap(setting -> packs.find(setting.packId())).map(Pack::currency)
                .orElseThrow(() -> ApiException.conflict("auto_top_up_not_set",
                        "choose a pack for auto top-up (PUT …/auto-top-up) before saving its card"));
        return new CardCheckoutStarted(cards.startSaving(user, currency));
    }

    private AutoTopUpView view(String userId) {
        Optional<AutoTopUpSetting> setting = store.setting(userId);
        CardView card = customers.savedCard(userId).map(saved -> new CardView(saved.brand(), saved.last4())).orElse(null);
        if (setting.isEmpty()) {
            return new AutoTopUpView(userId, false, 0, null, 0, null, 0, 0, card);
        }
        AutoTopUpSetting s = setting.get();
        String currency = packs.find(s.packId()).map(Pack::currency).orElse(null);
        long charged = currency == null ? 0
                : store.chargedInMonth(userId, YearMonth.now(ZoneOffset.UTC).toString(), currency);
        return new AutoTopUpView(userId, s.enabled(), s.thresholdCredits(), s.packId(), s.monthlyCapMinor(), currency,
                charged, s.failuresInARow(), card);
    }
}
