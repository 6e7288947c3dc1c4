package io.creditgate.payment.stripe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.stripe.model.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs one verified event in one transaction: its id is recorded as processed, and its handler acts, together or not
 * at all. The insert of the id is what serialises two deliveries of one event: the second waits for the first's
 * transaction and then finds the id (or, if the first rolled back, goes ahead itself).
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final JdbcTemplate jdbc;
    private final Map<String, StripeEventHandler> handlers = new HashMap<>();

    WebhookDispatcher(JdbcTemplate jdbc, List<StripeEventHandler> handlers) {
        this.jdbc = jdbc;
        for (StripeEventHandler handler : handlers) {
            for (String type : handler.eventTypes()) {
                StripeEventHandler previous = this.handlers.put(type, handler);
                if (previous != null) {
                    throw new IllegalStateException("Two handlers take Stripe events of type " + type + ": "
                            + previous.getClass().getName() + " and " + handler.getClass().getName());
                }
            }
        }
    }

    /** The event types some handler takes (the events to select in Stripe's dashboard). */
    java.util.Set<String> handledTypes() {
        return java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(handlers.keySet()));
    }

    @Transactional
    public WebhookOutcome dispatch(Event event) {
        StripeEventHandler handler = handlers.get(event.getType());
        WebhookOutcome outcome = handler != null ? WebhookOutcome.PROCESSED : WebhookOutcome.IGNORED;
        int recorded = jdbc.update("insert into stripe_event (event_id, type, api_version, outcome) values (?, ?, ?, ?)"
                + " on conflict (event_id) do nothing", event.getId(), event.getType(), event.getApiVersion(), outcome.tag());
        if (recorded == 0) {
            log.debug("Stripe event {} ({}) was processed before", event.getId(), event.getType());
            return WebhookOutcome.ALREADY_PROCESSED;
        }
        if (handler != null) {
            handler.handle(event);
        }
        return outcome;
    }
}
