package io.creditgate.alert.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery of alerts to users and admins.
 *
 * @param enabled false stops the alert and usage listeners and the dispatcher (API only)
 * @param mailFrom the From of alert emails
 * @param buyCreditsUrl the link in every email that asks the user to buy credits
 * @param adminEmails who gets copies of 100 % and unusual-spend alerts, the dead-letter notices and disputes; empty sends none
 * @param financeEmails who else gets the disputes (finance); may overlap the admins, each address is emailed once
 * @param defaultLocale the language of users who chose none ({@code en} or {@code pt})
 * @param maxAlertAge alerts older than this when read (a new service folding old history) are logged, not sent
 * @param group consumer group of the alert topic
 * @param contactsGroup consumer group of the usage topic (learning emails)
 * @param workers threads that send emails and webhooks
 * @param batchSize deliveries a worker claims at once
 * @param pollInterval how often idle workers look for due retries (new alerts wake them at once)
 * @param staleSendingAfter a delivery claimed longer ago than this belongs to a worker that died: marked UNKNOWN,
 *     never sent again; must exceed the longest send (SMTP and webhook timeouts)
 * @param maxAttempts attempts of one delivery before it is FAILED
 * @param initialBackoff wait before the second attempt; doubles each time
 * @param maxBackoff the longest wait between attempts
 * @param webhook webhook transport
 */
@ConfigurationProperties("creditgate.alerts.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("Creditgate <alerts@creditgate.local>") String mailFrom,
        @DefaultValue("http://localhost:8084/app/buy") String buyCreditsUrl,
        @DefaultValue({}) List<String> adminEmails,
        @DefaultValue({}) List<String> financeEmails,
        @DefaultValue("en") String defaultLocale,
        @DefaultValue("24h") Duration maxAlertAge,
        @DefaultValue("alert-delivery") String group,
        @DefaultValue("alert-contacts") String contactsGroup,
        @DefaultValue("4") int workers,
        @DefaultValue("20") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5m") Duration staleSendingAfter,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue Webhook webhook) {

    public DeliveryProperties {
        if (workers < 1 || workers > 64 || batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("creditgate.alerts.delivery.workers must be 1..64 and batch-size 1..1000");
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("creditgate.alerts.delivery.max-attempts must be 1..50");
        }
        if (!List.of("en", "pt").contains(defaultLocale)) {
            throw new IllegalArgumentException("creditgate.alerts.delivery.default-locale must be en or pt");
        }
        adminEmails = adminEmails.stream().map(String::trim).filter(email -> !email.isEmpty()).toList();
        financeEmails = financeEmails.stream().map(String::trim).filter(email -> !email.isEmpty()).toList();
    }

    /**
     * @param timeout connect and response timeout of one webhook call
     * @param allowHttp accept plain-http webhook URLs (local receivers and tests); https only by default
     * @param maxResponseBytes how much of a receiver's answer is read (into the log) at most
     */
    public record Webhook(
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("false") boolean allowHttp,
            @DefaultValue("2048") int maxResponseBytes) {
    }

    /** Wait before attempt {@code attempt + 1}, after {@code attempt} attempts failed. */
    Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(30, Math.max(0, attempt - 1));
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
