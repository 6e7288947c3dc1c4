package io.creditgate.payment.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A bad offer stops the service at start, naming the offer and what is wrong with it. */
class SubscriptionPropertiesTest {

    static SubscriptionOffer offer(String id, String planId, long priceMinor, String currency, String interval) {
        return new SubscriptionOffer(id, planId, "Pro", priceMinor, currency, interval);
    }

    @Test
    void findsAnOfferByItsId() {
        SubscriptionProperties properties = new SubscriptionProperties(List.of(offer("pro-usd", "pro", 2000, "usd", "month"),
                offer("pro-brl", "pro", 11000, "brl", "month")));
        assertThat(properties.offer("pro-brl")).map(SubscriptionOffer::priceMinor).contains(11000L);
        assertThat(properties.offer("gold")).isEmpty();
        assertThat(new SubscriptionProperties(null).offers()).isEmpty();
    }

    @Test
    void refusesOffersThatCouldNotBeSoldOrRenewed() {
        assertThatThrownBy(() -> new SubscriptionProperties(List.of(offer("a", "pro", 2000, "usd", "month"),
                offer("a", "pro", 2000, "usd", "month")))).hasMessageContaining("offers[a]").hasMessageContaining("id");
        assertThatThrownBy(() -> new SubscriptionProperties(List.of(offer("b", "", 2000, "usd", "month"))))
                .hasMessageContaining("planId");
        assertThatThrownBy(() -> new SubscriptionProperties(List.of(offer("c", "pro", 0, "usd", "month"))))
                .hasMessageContaining("priceMinor");
        assertThatThrownBy(() -> new SubscriptionProperties(List.of(offer("d", "pro", 2000, "USD", "month"))))
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> new SubscriptionProperties(List.of(offer("e", "pro", 2000, "usd", "year"))))
                .hasMessageContaining("interval must be month");
    }
}
