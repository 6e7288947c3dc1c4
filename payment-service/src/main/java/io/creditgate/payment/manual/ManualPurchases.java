package io.creditgate.payment.manual;

import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.creditgate.payment.purchase.NewPurchase;
import io.creditgate.payment.purchase.Purchase;
import io.creditgate.payment.purchase.Purchases;
import io.creditgate.schemas.identity.UserId;
import io.creditgate.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records manual purchases, idempotent by their reference: the same reference with the same details answers the
 * purchase recorded the first time (a double click, a retried request), with other details it is refused (409): one
 * bank transfer cannot pay for two different purchases.
 */
@Component
class ManualPurchases {

    static final Set<String> METHODS = Set.of("bank_transfer", "pix", "invoice");
    /** 10^12 credits = 1,000,000 USD, the ledger's largest single grant. */
    static final long MAX_CREDITS = 1_000_000_000_000L;
    static final long MAX_AMOUNT_MINOR = 100_000_000_000L;
    static final int MAX_REFERENCE = 200;
    static final int MAX_NOTE = 1_000;

    private final Purchases purchases;
    private final JdbcTemplate jdbc;

    ManualPurchases(Purchases purchases, JdbcTemplate jdbc) {
        this.purchases = purchases;
        this.jdbc = jdbc;
    }

    /** The outcome: the purchase, and whether this call recorded it. */
    record Recorded(Purchase purchase, boolean created) {
    }

    @Transactional
    public Recorded record(ManualPurchaseRequest request, String actor) {
        ManualPurchaseRequest valid = validated(request);
        boolean created = purchases.record(new NewPurchase("manual_" + UUID.randomUUID().toString().replace("-", ""),
                valid.userId(), "manual", valid.credits(), valid.amountMinor(), valid.currency(), valid.reference(),
                valid.method(), null, null, null, null, valid.note(), actor, "manual-" + UUID.randomUUID()));
        // Ours, or the one a concurrent request with this reference committed first (our insert waited for it).
        Purchase purchase = jdbc.query("select purchase_id from purchase where method = 'manual' and reference = ?",
                (rs, n) -> rs.getString(1), valid.reference()).stream().findFirst()
                .flatMap(purchases::find).orElseThrow();
        if (!created && !sameAs(purchase, valid)) {
            throw ApiException.conflict("reference_reused", "Reference '" + valid.reference()
                    + "' was recorded for another purchase (" + purchase.purchaseId() + ": " + purchase.credits()
                    + " credits for " + purchase.userId() + "); a reference pays for one purchase only");
        }
        return new Recorded(purchase, created);
    }

    private static boolean sameAs(Purchase purchase, ManualPurchaseRequest request) {
        return purchase.userId().equals(request.userId()) && purchase.credits() == request.credits()
                && purchase.amountMinor() == request.amountMinor() && purchase.currency().equals(request.currency())
                && Objects.equals(purchase.manualMethod(), request.method()) && Objects.equals(purchase.note(), request.note());
    }

    /** The request with its currency in lower case and a blank note as none; a 400 naming the first bad field. */
    static ManualPurchaseRequest validated(ManualPurchaseRequest request) {
        if (request == null) {
            throw ApiException.badRequest("The request body is required");
        }
        UserId.Problem problem = UserId.problemOf(request.userId());
        if (problem != null) {
            throw ApiException.badRequest(problem.code(), "userId: " + problem.message());
        }
        if (request.credits() == null || request.credits() <= 0 || request.credits() > MAX_CREDITS) {
            throw ApiException.badRequest("credits_invalid", "credits must be a whole number from 1 to " + MAX_CREDITS
                    + " (1 credit = 1 micro-USD)");
        }
        if (request.amountMinor() == null || request.amountMinor() <= 0 || request.amountMinor() > MAX_AMOUNT_MINOR) {
            throw ApiException.badRequest("amount_invalid", "amountMinor must be the money received in the currency's"
                    + " minor unit (cents, centavos), from 1 to " + MAX_AMOUNT_MINOR);
        }
        String currency = request.currency() == null ? null : request.currency().trim().toLowerCase(Locale.ROOT);
        if (currency == null || !currency.matches("[a-z]{3}") || !isIso(currency)) {
            throw ApiException.badRequest("currency_invalid", "currency must be an ISO 4217 code such as usd or brl");
        }
        if (request.method() == null || !METHODS.contains(request.method())) {
            throw ApiException.badRequest("method_invalid", "method must be one of bank_transfer, pix, invoice");
        }
        String reference = request.reference() == null ? null : request.reference().trim();
        if (reference == null || reference.isEmpty() || reference.length() > MAX_REFERENCE
                || reference.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("reference_invalid", "reference (the transfer's, PIX's or invoice's id) is"
                    + " required: 1 to " + MAX_REFERENCE + " characters without control characters");
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
        if (note != null && note.length() > MAX_NOTE) {
            throw ApiException.badRequest("note_invalid", "note may have at most " + MAX_NOTE + " characters");
        }
        return new ManualPurchaseRequest(request.userId(), request.credits(), request.amountMinor(), currency,
                request.method(), reference, note);
    }

    private static boolean isIso(String code) {
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
