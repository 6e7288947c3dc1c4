package io.creditgate.gateway.admission;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.limits.RateLimits;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;

/**
 * Check, reserve, settle (DESIGN.md "Admission"). A call reserves its worst case: the estimated prompt
 * cost plus its output limit at the output price. When less is available, the output limit is lowered to
 * what the user can afford, so that concurrent calls of one user never together spend more than the
 * balance plus one call's estimation error. Rate limits are checked first.
 *
 * <p>When Redis cannot answer, or answers without the account of a user it held before (it lost its data and the
 * ledger's projection is not back yet), the failure mode decides: {@code open} admits the call from this gateway's
 * {@link StandingMemory} (a user last seen out of credits stays refused, others spend at most what they were last
 * seen able to afford; the call is still metered and its usage recorded), {@code closed} refuses it with 503.
 */
@Component
public class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    /** An outage fails every call: one warning per this many milliseconds says so without flooding the log. */
    private static final long OUTAGE_LOG_INTERVAL_MILLIS = 10_000;

    private final CreditReservations reservations;
    /** Renews the reservations of the calls in {@link #held} while they run. */
    private final ReservationLeases leases;
    private final RateLimits rateLimits;
    private final AdmissionProperties properties;
    private final FailureMode failureMode;
    private final GatewayMetrics metrics;
    /** The calls this gateway holds a reservation for, by event id, with the credits reserved. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final StandingMemory memory;
    /** The calls admitted without Redis, by event id, with what the memory granted them. */
    private final Map<String, StandingMemory.Grant> unchecked = new ConcurrentHashMap<>();
    private final AtomicLong lastOutageLogMillis = new AtomicLong();
    private final AtomicLong uncheckedSinceLog = new AtomicLong();

    Admission(CreditReservations reservations, ReservationLeases leases, RateLimits rateLimits,
              AdmissionProperties properties, FailureModeProperties failureMode,
              StartingCreditsProperties startingCredits, GatewayMetrics metrics) {
        this.reservations = reservations;
        this.leases = leases;
        this.memory = new StandingMemory(properties.rememberedUsers(), properties.openUnknownUserCredits() != null
                ? properties.openUnknownUserCredits() : startingCredits.startingCredits());
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.failureMode = failureMode.failureMode();
        this.metrics = metrics;
        metrics.reservationsHeld(held::size);
    }

    /**
     * Admits a call or fails with a 429 {@code rate_limit_exceeded}, a 402 {@code credits_exhausted} (nothing
     * reserved), a 403 {@code account_blocked} (an admin blocked the user), or, in the closed failure mode, a 503 when Redis cannot answer.
     *
     * @param promptTokens the estimated prompt tokens
     * @param askedOutputTokens the client's output limit per choice, or null when it named none
     * @param choices how many choices the call asks for ({@code n}); each may produce the output limit
     */
    public Mono<Admitted> admit(UserId user, String model, ModelPrice modelPrice, long promptTokens,
                                Long askedOutputTokens, int choices) {
        // A prompt past the model's long-context threshold makes the whole call dearer: reserve at those rates.
        ModelPrice price = modelPrice.forPrompt(promptTokens);
        long outputLimit = askedOutputTokens != null ? askedOutputTokens : defaultOutputLimit(price, promptTokens);
        long promptCost = price.promptCostCredits(promptTokens);
        long requested = promptCost + price.outputCostCredits(outputLimit * choices);
        String eventId = UUID.randomUUID().toString();
        return rateLimits.admit(user)
                .doOnError(GatewayException.class, limited -> metrics.rateLimited(model))
                .then(Mono.defer(() -> reservations.reserve(user, eventId, requested)))
                .flatMap(reservation -> {
                    metrics.reservationsExpired(reservation.expiredReleased());
                    return reservation.accountKnown() ? Mono.just(reservation) : newToTheLedger(user, eventId, reservation);
                })
                .flatMap(reservation -> {
                    remember(user, reservation);
                    return decide(user, model, price, eventId, requested, promptCost, outputLimit, choices,
                            reservation);
                })
                .onErrorResume(failure -> !(failure instanceof GatewayException),
                        failure -> storeUnavailable(user, model, price, eventId, requested, promptCost, outputLimit,
                                choices, failure));
    }

    /**
     * A reservation made without the user's account: a user new to the ledger (admitted on the starting credits), unless
     * Redis lost its data, which the missing projection marker (or this gateway's memory of the account) says. Then the
     * starting credits are not this user's: the reservation is released and the call waits for the ledger's
     * projection, as for an outage.
     */
    private Mono<CreditReservations.Reservation> newToTheLedger(UserId user, String eventId,
                                                                CreditReservations.Reservation reservation) {
        Mono<Boolean> lost = memory.hadAccount(user) ? Mono.just(true)
                : reservations.projectionComplete().map(complete -> !complete);
        return lost.flatMap(accountLost -> accountLost
                ? reservations.release(user, eventId).onErrorComplete().then(Mono.error(new IllegalStateException(
                        "Redis does not hold the ledger's accounts (its data was lost; the ledger is writing them again)")))
                : Mono.just(reservation));
    }

    /** Keeps what Redis said of the user, for the calls it may not answer. */
    private void remember(UserId user, CreditReservations.Reservation reservation) {
        long granted = reservation.reservedCredits();
        long available = granted < 0 ? Math.min(0, reservation.standing().availableCredits())
                : reservation.standing().availableCredits();
        memory.learned(user, available, granted == CreditReservations.BLOCKED, reservation.accountKnown());
    }

    private Mono<Admitted> decide(UserId user, String model, ModelPrice price, String eventId, long requested,
                                  long promptCost, long outputLimit, int choices, CreditReservations.Reservation reservation) {
        long granted = reservation.reservedCredits();
        Optional<CreditStanding> standing = Optional.of(reservation.standing());
        if (granted == CreditReservations.BLOCKED) {
            metrics.refused(model);
            return Mono.error(blocked());
        }
        if (granted == CreditReservations.REFUSED) {
            metrics.refused(model);
            return Mono.error(creditsExhausted());
        }
        if (granted >= requested || !properties.capOutputToBalance()) {
            held.put(eventId, granted);
            leases.held(user, eventId);
            metrics.admitted(model, false);
            return Mono.just(new Admitted(eventId, granted, null, standing));
        }
        long affordable = price.outputTokensAffordable(granted - promptCost) / choices;
        if (affordable < 1) {
            metrics.refused(model);
            memory.returned(user, granted);
            return reservations.release(user, eventId).onErrorComplete().then(Mono.error(creditsShort(granted)));
        }
        held.put(eventId, granted);
        leases.held(user, eventId);
        metrics.admitted(model, true);
        return Mono.just(new Admitted(eventId, granted, Math.min(outputLimit, affordable), standing));
    }

    /** Replaces the reservation by the real cost; call before publishing the call's UsageRecorded. */
    public Mono<Void> settle(UserId user, String eventId, long costCredits) {
        Long reserved = held.remove(eventId);
        leases.ended(eventId);
        if (reserved != null) {
            memory.returned(user, reserved - costCredits);
        }
        StandingMemory.Grant grant = unchecked.remove(eventId);
        if (grant != null) {
            grant.ended(costCredits);
        }
        return reservations.settle(user, eventId, costCredits).then();
    }

    /** Drops the reservation of a call that never reached the upstream (nothing to charge, no event). */
    public Mono<Void> release(UserId user, String eventId) {
        Long reserved = held.remove(eventId);
        leases.ended(eventId);
        if (reserved != null) {
            memory.returned(user, reserved);
        }
        StandingMemory.Grant grant = unchecked.remove(eventId);
        if (grant != null) {
            grant.ended(0);
        }
        return reservations.release(user, eventId);
    }

    /**
     * Redis did not answer (or lost the user's account): the failure mode decides between a 503 and a call admitted
     * from what this gateway remembers of the user.
     */
    private Mono<Admitted> storeUnavailable(UserId user, String model, ModelPrice price, String eventId, long requested,
                                            long promptCost, long outputLimit, int choices, Throwable cause) {
        if (failureMode == FailureMode.CLOSED) {
            metrics.admissionUnavailable(model);
            logOutage("refusing calls (failure-mode closed)", user, cause);
            return Mono.error(unavailable());
        }
        StandingMemory.Grant grant = memory.admitUnchecked(user, requested);
        if (grant.credits() == StandingMemory.BLOCKED || grant.credits() == StandingMemory.REFUSED) {
            metrics.refusedFromMemory(model);
            return Mono.error(grant.credits() == StandingMemory.BLOCKED ? blocked() : creditsExhausted());
        }
        Long outputCap = null;
        if (grant.credits() < requested && properties.capOutputToBalance()) {
            long affordable = price.outputTokensAffordable(grant.credits() - promptCost) / choices;
            if (affordable < 1) {
                grant.ended(0);
                metrics.refusedFromMemory(model);
                return Mono.error(creditsShort(grant.credits()));
            }
            outputCap = Math.min(outputLimit, affordable);
        }
        unchecked.put(eventId, grant);
        metrics.admittedUnchecked(model);
        uncheckedSinceLog.incrementAndGet();
        logOutage("admitting calls from what this gateway last learned of each user (failure-mode open); their "
                + "usage is still recorded", user, cause);
        // Nothing was reserved in Redis; the call's cost still lands in pending when it settles, once Redis is back.
        return Mono.just(new Admitted(eventId, 0, outputCap, Optional.empty()));
    }

    private void logOutage(String effect, UserId user, Throwable cause) {
        long now = System.currentTimeMillis();
        long last = lastOutageLogMillis.get();
        if (now - last >= OUTAGE_LOG_INTERVAL_MILLIS && lastOutageLogMillis.compareAndSet(last, now)) {
            log.warn("Redis did not answer the admission of user {} ({}): {}; {} calls admitted unchecked since the "
                    + "last warning", user, cause.toString(), effect, uncheckedSinceLog.getAndSet(0));
        } else {
            log.debug("Redis did not answer the admission of user {}: {}", user, cause.toString());
        }
    }

    /**
     * The output a call that names no limit may produce: the model's own limit (else the admission default), and
     * never more than its context window leaves after the prompt.
     */
    private long defaultOutputLimit(ModelPrice price, long promptTokens) {
        long limit = price.maxOutputTokens() != null ? price.maxOutputTokens() : properties.defaultMaxOutputTokens();
        if (price.contextWindow() != null) {
            limit = Math.min(limit, Math.max(1, price.contextWindow() - promptTokens));
        }
        return limit;
    }

    /**
     * Some credits are left, but not enough for this call's prompt and one output token: a shorter conversation
     * or a cheaper model may still go through, so the message says so rather than "used all".
     */
    private GatewayException creditsShort(long availableCredits) {
        return new OpenAiError(HttpStatus.PAYMENT_REQUIRED, "Your remaining " + availableCredits + " credits do not "
                + "cover this request. Start a shorter conversation or pick a cheaper model, or buy more credits at "
                + properties.buyCreditsUrl() + ".", "credits_exhausted", "credits_exhausted", null).asException();
    }

    private GatewayException creditsExhausted() {
        return new OpenAiError(HttpStatus.PAYMENT_REQUIRED, "You have used all your credits. Buy more at "
                + properties.buyCreditsUrl() + " or ask your administrator.", "credits_exhausted",
                "credits_exhausted", null).asException();
    }

    /** 403, not 402: buying credits would not help. LibreChat shows a 403's message as written. */
    private static GatewayException blocked() {
        return new OpenAiError(HttpStatus.FORBIDDEN, "Your account has been blocked by an administrator, so the call "
                + "was not sent. Ask your administrator to unblock it.", "account_blocked", "account_blocked", null)
                .asException();
    }

    private static GatewayException unavailable() {
        return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE, "Credit checks are unavailable right now, so the call "
                + "was not sent. Try again in a moment; if it persists, tell your administrator.",
                "server_error", "admission_unavailable", null).asException();
    }
}
