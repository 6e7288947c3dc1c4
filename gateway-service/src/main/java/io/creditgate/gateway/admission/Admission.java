package io.creditgate.gateway.admission;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;

/**
 * Check, reserve, settle (DESIGN.md "Admission"). A call reserves its worst case: the estimated prompt
 * cost plus its output limit at the output price. When less is available, the output limit is lowered to
 * what the user can afford, so that concurrent calls of one user never together spend more than the
 * balance plus one call's estimation error.
 */
@Component
public class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final CreditReservations reservations;
    private final AdmissionProperties properties;
    private final GatewayMetrics metrics;

    Admission(CreditReservations reservations, AdmissionProperties properties, GatewayMetrics metrics) {
        this.reservations = reservations;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Admits a call or fails with a 402 {@code credits_exhausted} (nothing reserved) or a 503 when the
     * credit store cannot answer.
     *
     * @param promptTokens the estimated prompt tokens
     * @param askedOutputTokens the client's output limit per choice, or null when it named none
     * @param choices how many choices the call asks for ({@code n}); each may produce the output limit
     */
    public Mono<Admitted> admit(UserId user, String model, ModelPrice price, long promptTokens,
                                Long askedOutputTokens, int choices) {
        long outputLimit = askedOutputTokens != null ? askedOutputTokens : defaultOutputLimit(price);
        long promptCost = price.promptCostCredits(promptTokens);
        long requested = promptCost + price.outputCostCredits(outputLimit * choices);
        String eventId = UUID.randomUUID().toString();
        return reservations.reserve(user, eventId, requested)
                .onErrorMap(e -> !(e instanceof GatewayException), e -> unavailable(user, e))
                .flatMap(granted -> {
                    if (granted == CreditReservations.REFUSED) {
                        metrics.refused(model);
                        return Mono.error(creditsExhausted());
                    }
                    if (granted >= requested || !properties.capOutputToBalance()) {
                        metrics.admitted(model, false);
                        return Mono.just(new Admitted(eventId, granted, null));
                    }
                    long affordable = price.outputTokensAffordable(granted - promptCost) / choices;
                    if (affordable < 1) {
                        metrics.refused(model);
                        return reservations.release(user, eventId).onErrorComplete().then(Mono.error(creditsExhausted()));
                    }
                    metrics.admitted(model, true);
                    return Mono.just(new Admitted(eventId, granted, Math.min(outputLimit, affordable)));
                });
    }

    /** Replaces the reservation by the real cost; call before publishing the call's UsageRecorded. */
    public Mono<Void> settle(UserId user, String eventId, long costCredits) {
        return reservations.settle(user, eventId, costCredits).then();
    }

    /** Drops the reservation of a call that never reached the upstream (nothing to charge, no event). */
    public Mono<Void> release(UserId user, String eventId) {
        return reservations.release(user, eventId);
    }

    private long defaultOutputLimit(ModelPrice price) {
        return price.maxOutputTokens() != null ? price.maxOutputTokens() : properties.defaultMaxOutputTokens();
    }

    private GatewayException creditsExhausted() {
        return new OpenAiError(HttpStatus.PAYMENT_REQUIRED, "You have used all your credits. Buy more at "
                + properties.buyCreditsUrl() + " or ask your administrator.", "credits_exhausted",
                "credits_exhausted", null).asException();
    }

    private static GatewayException unavailable(UserId user, Throwable cause) {
        log.warn("Admission for user {} failed: the credit store did not answer ({})", user, cause.toString());
        return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE,
                "Credit checks are unavailable right now, so the call was not sent. Try again in a moment.",
                "server_error", "admission_unavailable", null).asException();
    }
}
