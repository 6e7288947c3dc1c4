package io.creditgate.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.alert.contact.Contact;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides who hears about an alert and renders what they get: the in-app notification always, an email unless
 * there is no address or the user opted out (resolutions are not emailed), the user's webhook when set, and a
 * copy to the admins of 100 % and unusual-spend alerts. A payment notice for the staff (a dispute) goes only to the
 * admins and finance.
 */
@Component
class DeliveryPlanner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A plain address with a dotted domain: a user id such as "alice" or an IdP subject never matches. */
    private static final java.util.regex.Pattern EMAIL_ACCOUNT = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final AlertMessages messages;
    private final DeliveryProperties properties;

    DeliveryPlanner(AlertMessages messages, DeliveryProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    List<PlannedDelivery> plan(Alert alert, Contact contact, Instant now) {
        if (!alert.tellsTheUser() && !alert.forStaffOnly()) {
            return List.of();
        }
        if (Duration.between(alert.occurredAt(), now).compareTo(properties.maxAlertAge()) > 0) {
            String reason = "alert older than creditgate.alerts.delivery.max-alert-age (" + properties.maxAlertAge() + ")";
            return alert.forStaffOnly() ? List.of(PlannedDelivery.skipped(Channel.ADMIN_EMAIL, reason))
                    : List.of(PlannedDelivery.skipped(Channel.IN_APP, reason), PlannedDelivery.skipped(Channel.EMAIL, reason));
        }
        if (alert.forStaffOnly()) {
            return List.of(staffEmail(alert, contact));
        }
        Message message = messages.forUser(alert, messages.localeOf(contact.locale()));
        List<PlannedDelivery> planned = new ArrayList<>();
        planned.add(new PlannedDelivery(Channel.IN_APP, null, message.subject(), message.body(), null));
        if (alert.emailsTheUser()) {
            planned.add(email(contact, message));
        }
        if (contact.hasWebhook()) {
            planned.add(new PlannedDelivery(Channel.WEBHOOK, contact.webhookUrl(), message.subject(),
                    webhookBody(alert, contact.webhookFormat(), message), null));
        }
        if (alert.copiesAdmins() && !properties.adminEmails().isEmpty()) {
            Message copy = messages.forAdmins(alert, contact.email());
            planned.add(new PlannedDelivery(Channel.ADMIN_EMAIL, String.join(",", properties.adminEmails()), copy.subject(),
                    copy.body(), null));
        }
        return planned;
    }

    /** A dispute goes to the admins and to finance (both lists, each address once), in the default language. */
    private PlannedDelivery staffEmail(Alert alert, Contact contact) {
        java.util.Set<String> recipients = new java.util.LinkedHashSet<>(properties.adminEmails());
        recipients.addAll(properties.financeEmails());
        if (recipients.isEmpty()) {
            return PlannedDelivery.skipped(Channel.ADMIN_EMAIL, "no admin or finance address (creditgate.alerts.delivery"
                    + ".admin-emails / finance-emails, env CREDITGATE_ALERT_ADMIN_EMAILS / CREDITGATE_ALERT_FINANCE_EMAILS)");
        }
        Message message = messages.forStaff(alert, contact.email());
        return new PlannedDelivery(Channel.ADMIN_EMAIL, String.join(",", recipients), message.subject(), message.body(), null);
    }

    private static PlannedDelivery email(Contact contact, Message message) {
        String address = addressOf(contact);
        if (address == null) {
            return PlannedDelivery.skipped(Channel.EMAIL, "no email address known for the user");
        }
        if (contact.emailOptOut()) {
            return PlannedDelivery.skipped(Channel.EMAIL, "the user opted out of email");
        }
        return new PlannedDelivery(Channel.EMAIL, address, message.subject(), message.body(), null);
    }

    /**
     * The address the user gave or LibreChat asserted; else the account id itself when it is an email address: with the
     * console's built-in sign-in a person's account is their email (decision 46), so someone who bought credits before
     * their first chat is still told about their payments.
     */
    static String addressOf(Contact contact) {
        if (contact.email() != null && !contact.email().isBlank()) {
            return contact.email();
        }
        String userId = contact.userId();
        if (userId == null || !EMAIL_ACCOUNT.matcher(userId).matches()) {
            return null;
        }
        try {
            jakarta.mail.internet.InternetAddress address = new jakarta.mail.internet.InternetAddress(userId, true);
            return address.getAddress().equals(userId) ? userId : null;
        } catch (jakarta.mail.internet.AddressException notAnAddress) {
            return null;
        }
    }

    private String webhookBody(Alert alert, Contact.WebhookFormat format, Message message) {
        if (format == Contact.WebhookFormat.SLACK) {
            // Slack's incoming webhooks take {"text": ...} with *bold* markup.
            return JSON.writeValueAsString(Map.of("text", "*" + message.subject() + "*\n" + message.body()));
        }
        Map<String, Object> payload = new LinkedHashMap<>(alert.fields());
        payload.put("message", message.subject());
        payload.put("buyCreditsUrl", properties.buyCreditsUrl());
        return JSON.writeValueAsString(payload);
    }
}
