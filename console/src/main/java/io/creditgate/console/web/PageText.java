package io.creditgate.console.web;

import java.util.Collections;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts of the console's own pages in the browser's language: Brazilian Portuguese for any Portuguese the browser
 * asks for first, else English (messages.properties, messages_pt_BR.properties). The dashboard chooses the same way.
 */
@Component
public class PageText {

    public static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");

    private final MessageSource messages;

    PageText(MessageSource messages) {
        this.messages = messages;
    }

    /** The texts for this request's browser. */
    public Texts of(HttpServletRequest request) {
        return new Texts(localeOf(request));
    }

    static Locale localeOf(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Locale.ENGLISH;
        }
        for (Locale wanted : Collections.list(request.getLocales())) {
            if (wanted.getLanguage().equals("pt")) {
                return PORTUGUESE;
            }
            if (wanted.getLanguage().equals("en")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    /** One language's texts; {@link #get} answers plain text (escape it into HTML). */
    public final class Texts {

        private final Locale locale;

        private Texts(Locale locale) {
            this.locale = locale;
        }

        public String get(String key, Object... args) {
            return messages.getMessage(key, args, locale);
        }

        /** The page's {@code lang} attribute. */
        public String lang() {
            return locale.toLanguageTag();
        }
    }
}
