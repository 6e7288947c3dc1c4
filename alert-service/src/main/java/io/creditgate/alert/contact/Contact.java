package io.creditgate.alert.contact;

/**
 * How to reach one user.
 *
 * @param email null when unknown
 * @param locale a BCP 47 tag (e.g. {@code pt-BR}); null means the service's default
 * @param webhookUrl null when the user has no webhook
 * @param webhookFormat CREDITGATE (signed JSON of the alert) or SLACK (a Slack incoming-webhook message)
 * @param webhookSecret the HMAC-SHA256 key of the user's webhook signatures
 */
public record Contact(String userId, String email, String locale, boolean emailOptOut, String webhookUrl,
                      WebhookFormat webhookFormat, String webhookSecret) {

    public enum WebhookFormat { CREDITGATE, SLACK }

    public static Contact unknown(String userId) {
        return new Contact(userId, null, null, false, null, WebhookFormat.CREDITGATE, null);
    }

    public boolean canEmail() {
        return email != null && !email.isBlank() && !emailOptOut;
    }

    public boolean hasWebhook() {
        return webhookUrl != null && !webhookUrl.isBlank();
    }
}
