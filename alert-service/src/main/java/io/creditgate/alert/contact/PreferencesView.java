package io.creditgate.alert.contact;

/** A user's channel preferences as the API shows them (the webhook secret included: the caller holds the key). */
record PreferencesView(String userId, String email, String locale, boolean emailOptOut, String webhookUrl,
                       Contact.WebhookFormat webhookFormat, String webhookSecret) {

    static PreferencesView of(Contact contact) {
        return new PreferencesView(contact.userId(), contact.email(), contact.locale(), contact.emailOptOut(),
                contact.webhookUrl(), contact.webhookFormat(), contact.webhookSecret());
    }
}
