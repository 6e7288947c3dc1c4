package io.creditgate.alert.contact;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.creditgate.web.ApiException;

/**
 * A change of a user's channel preferences; a null field keeps what is stored.
 *
 * @param email where alert emails go
 * @param locale {@code en} or {@code pt} (a region may follow: {@code pt-BR})
 * @param emailOptOut true stops alert emails (in-app notifications and webhooks go on)
 * @param webhookUrl the user's webhook; an empty string removes it
 * @param webhookFormat CREDITGATE or SLACK
 */
record PreferencesRequest(String email, String locale, Boolean emailOptOut, String webhookUrl,
                          Contact.WebhookFormat webhookFormat) {

    static final Set<String> LANGUAGES = Set.of("en", "pt");
    private static final int MAX_EMAIL_CHARS = 254;
    private static final int MAX_URL_CHARS = 2048;
    /** Deliberately loose: the SMTP server is the judge; this only catches what is plainly not an address. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** Refuses what cannot be used, with a message that names the field. */
    PreferencesRequest validated(boolean allowHttpWebhooks) {
        if (email != null && (email.length() > MAX_EMAIL_CHARS || !EMAIL.matcher(email).matches())) {
            throw ApiException.badRequest("field 'email' is not an email address");
        }
        String normalizedLocale = null;
        if (locale != null) {
            Locale parsed = Locale.forLanguageTag(locale);
            if (!LANGUAGES.contains(parsed.getLanguage())) {
                throw ApiException.badRequest("field 'locale' must be one of " + LANGUAGES + " (a region may follow, e.g. pt-BR)");
            }
            normalizedLocale = parsed.toLanguageTag();
        }
        if (webhookUrl != null && !webhookUrl.isEmpty()) {
            checkWebhookUrl(allowHttpWebhooks);
        }
        return new PreferencesRequest(email, normalizedLocale, emailOptOut, webhookUrl, webhookFormat);
    }

    private void checkWebhookUrl(boolean allowHttp) {
        URI uri;
        try {
            uri = URI.create(webhookUrl);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field 'webhookUrl' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = scheme.equals("https") || (allowHttp && scheme.equals("http"));
        if (webhookUrl.length() > MAX_URL_CHARS || !schemeOk || uri.getHost() == null) {
            throw ApiException.badRequest("field 'webhookUrl' must be an absolute " + (allowHttp ? "http(s)" : "https")
                    + " URL of at most " + MAX_URL_CHARS + " characters");
        }
    }
}
