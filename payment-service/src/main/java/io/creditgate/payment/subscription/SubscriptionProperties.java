package io.creditgate.payment.subscription;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Subscription settings ({@code creditgate.payment.subscriptions}): the offers. A bad offer stops the service at
 * start, with the offer named.
 */
@ConfigurationProperties("creditgate.payment.subscriptions")
record SubscriptionProperties(List<SubscriptionOffer> offers) {

    SubscriptionProperties {
        offers = offers == null ? List.of() : List.copyOf(offers);
        Set<String> ids = new HashSet<>();
        for (SubscriptionOffer offer : offers) {
            String where = "creditgate.payment.subscriptions.offers[" + offer.id() + "]: ";
            if (offer.id() == null || offer.id().isBlank() || !ids.add(offer.id())) {
                throw new IllegalArgumentException(where + "every offer needs an id of its own");
            }
            if (offer.planId() == null || offer.planId().isBlank() || offer.name() == null || offer.name().isBlank()) {
                throw new IllegalArgumentException(where + "planId and name are required");
            }
            if (offer.priceMinor() <= 0 || offer.currency() == null || !offer.currency().matches("[a-z]{3}")) {
                throw new IllegalArgumentException(where + "priceMinor above zero and a lower-case ISO currency");
            }
            if (!"month".equals(offer.interval())) {
                throw new IllegalArgumentException(where + "interval must be month (the ledger's cycles are monthly)");
            }
        }
    }

    Optional<SubscriptionOffer> offer(String id) {
        return offers.stream().filter(offer -> offer.id().equals(id)).findFirst();
    }
}
