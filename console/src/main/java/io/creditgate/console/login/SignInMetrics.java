package io.creditgate.console.login;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code creditgate.console.sign.ins{method,outcome}}: every sign-in attempt at the console and how it ended. The tags
 * hold fixed words only, never an email, an address or a person's id, so the series stay few whatever the traffic.
 */
@Component
public class SignInMetrics {

    static final String NAME = "creditgate.console.sign.ins";

    /** The form with a password, or the organisation's IdP (OpenID Connect). */
    enum Method { PASSWORD, OIDC }

    /** How an attempt ended. */
    enum Outcome {
        SUCCESS,
        /** A wrong password or an unknown email: the two read the same to the person, and are counted as one. */
        BAD_CREDENTIALS,
        /** Refused because the person is locked out after too many failures; no password was checked. */
        LOCKED,
        /** Refused because an admin disabled the person. */
        DISABLED,
        /** Over the per-email or per-address bound of LoginThrottleFilter; no password was checked. */
        THROTTLED,
        /** The console could not check (its database did not answer). */
        ERROR,
        /** The IdP's sign-in failed or was refused (FederatedPeople). */
        FAILED
    }

    /**
     * Every pair an attempt can end in. Registered at 0 when the console starts: the alert rules on failed sign-ins
     * compare increases, and Prometheus's increase() over a series that appears with the value 1 reports 0, so the
     * first burst of guesses after a start would go unseen.
     */
    static final List<Kind> POSSIBLE = List.of(
            new Kind(Method.PASSWORD, Outcome.SUCCESS), new Kind(Method.PASSWORD, Outcome.BAD_CREDENTIALS),
            new Kind(Method.PASSWORD, Outcome.LOCKED), new Kind(Method.PASSWORD, Outcome.DISABLED),
            new Kind(Method.PASSWORD, Outcome.THROTTLED), new Kind(Method.PASSWORD, Outcome.ERROR),
            new Kind(Method.OIDC, Outcome.SUCCESS), new Kind(Method.OIDC, Outcome.FAILED));

    record Kind(Method method, Outcome outcome) {
    }

    private final MeterRegistry registry;

    SignInMetrics(MeterRegistry registry) {
        this.registry = registry;
        POSSIBLE.forEach(kind -> counter(kind.method(), kind.outcome()));
    }

    void count(Method method, Outcome outcome) {
        counter(method, outcome).increment();
    }

    private Counter counter(Method method, Outcome outcome) {
        return Counter.builder(NAME).description("Sign-in attempts at the console by method and outcome")
                .tag("method", tag(method)).tag("outcome", tag(outcome)).register(registry);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
