package io.creditgate.alert.delivery;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.ResourceBundle;

import io.creditgate.schemas.event.PaymentNoticeRaised;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import io.creditgate.schemas.event.UnusualSpend;
import org.springframework.stereotype.Component;

/**
 * Writes alerts in the user's language ({@code alerts/messages_<lang>.properties}, English and Portuguese), with
 * the numbers formatted for that language: credits as US dollars (1,000,000 credits = 1 USD), shares as percent.
 */
@Component
class AlertMessages {

    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final int CREDITS_PER_USD_DIGITS = 6;

    private final DeliveryProperties properties;
    private final ZoneId zone;

    AlertMessages(DeliveryProperties properties, io.creditgate.alert.detection.DetectionProperties detection) {
        this.properties = properties;
        this.zone = detection.zone();
    }

    /** The locale of a stored tag, or the service's default; only languages with templates are used. */
    Locale localeOf(String tag) {
        Locale locale = Locale.forLanguageTag(tag == null || tag.isBlank() ? properties.defaultLocale() : tag);
        return locale.getLanguage().equals("pt") ? locale : Locale.forLanguageTag(properties.defaultLocale());
    }

    Message forUser(Alert alert, Locale locale) {
        Texts texts = new Texts(locale);
        if (alert.event() instanceof PaymentNoticeRaised notice) {
            return payment(texts, notice, "payment.");
        }
        if (alert.event() instanceof ThresholdCrossed crossed) {
            String key = crossed.getThresholdKind().equals("LOW_BALANCE") ? "lowbalance"
                    : crossed.getThresholdValue() >= 10_000 ? "exhausted" : "crossed";
            Object[] args = {texts.percent(crossed.getThresholdKind().equals("UTILISATION") ? crossed.getThresholdValue()
                    : crossed.getUtilisationBasisPoints()),
                    texts.credits(crossed.getSpentCycleCredits()), texts.credits(crossed.getCycleCredits()),
                    texts.credits(crossed.getBalanceCredits()), forecast(texts, crossed), properties.buyCreditsUrl()};
            return new Message(texts.format(key + ".subject", args), texts.format(key + ".body", args));
        }
        if (alert.event() instanceof ThresholdResolved resolved) {
            String what = resolved.getThresholdKind().equals("LOW_BALANCE") ? texts.credits(resolved.getThresholdValue())
                    : texts.percent(resolved.getThresholdValue());
            String key = resolved.getReason().equals("NEW_CYCLE") ? "newcycle" : "resolved";
            Object[] args = {what, texts.percent(resolved.getUtilisationBasisPoints()), texts.credits(resolved.getBalanceCredits())};
            return new Message(texts.format(key + ".subject", args), texts.format(key + ".body", args));
        }
        UnusualSpend unusual = (UnusualSpend) alert.event();
        long minutes = Duration.between(unusual.getWindowStartedAt(), unusual.getWindowEndsAt()).toMinutes();
        BigDecimal rate = unusual.getTrailingHourlyAverageCredits() <= 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(unusual.getWindowSpentCredits()).multiply(BigDecimal.valueOf(60))
                        .divide(BigDecimal.valueOf(Math.max(1, minutes) * unusual.getTrailingHourlyAverageCredits()), 1,
                                java.math.RoundingMode.HALF_UP);
        Object[] args = {Long.toString(minutes), texts.credits(unusual.getWindowSpentCredits()), texts.decimal(rate),
                texts.credits(unusual.getTrailingHourlyAverageCredits()), properties.buyCreditsUrl()};
        return new Message(texts.format("unusual.subject", args), texts.format("unusual.body", args));
    }

    /** The admins' copy, in the default language, naming the user. */
    Message forAdmins(Alert alert, String userEmail) {
        Locale locale = localeOf(null);
        Message user = forUser(alert, locale);
        Texts texts = new Texts(locale);
        Object[] args = {alert.userId(), userEmail == null ? "-" : userEmail, user.subject(), user.body(), alert.eventId()};
        return new Message(texts.format("admin.subject", args), texts.format("admin.body", args));
    }

    /** A payment notice for the admins and finance (a dispute), in the default language, naming the user. */
    Message forStaff(Alert alert, String userEmail) {
        Texts texts = new Texts(localeOf(null));
        Message staff = payment(texts, (PaymentNoticeRaised) alert.event(), "staff.");
        Object[] args = {alert.userId(), userEmail == null ? "-" : userEmail, staff.subject(), staff.body(), alert.eventId()};
        return new Message(texts.format("staff.subject", args), texts.format("staff.body", args));
    }

    /**
     * The texts {@code <prefix><kind>.subject|body} with {0} the money, {1} the credits, {2} where to act (the notice's
     * link, else the buy page), {3} the payment's id, {4} the provider's reason as a line (or nothing), {5} the
     * reason as given.
     */
    private Message payment(Texts texts, PaymentNoticeRaised notice, String prefix) {
        // A kind without texts for this audience (OTHER is what a newer kind reads as) is told in general words rather
        // than not at all: a missing text must never stop the delivery of the rest.
        String key = prefix + notice.getKind().name().toLowerCase(Locale.ROOT);
        if (!texts.has(key + ".subject")) {
            key = prefix + "other";
        }
        String detail = notice.getDetail().isBlank() ? "" : texts.format("payment.detail", notice.getDetail());
        Object[] args = {texts.money(notice.getAmountMinor(), notice.getCurrency()), texts.credits(notice.getCredits()),
                notice.getActionUrl().isBlank() ? properties.buyCreditsUrl() : notice.getActionUrl(), notice.getPaymentId(), detail,
                notice.getDetail()};
        return new Message(texts.format(key + ".subject", args), texts.format(key + ".body", args));
    }

    private String forecast(Texts texts, ThresholdCrossed crossed) {
        Instant depletion = crossed.getForecastDepletionAt();
        if (crossed.getForecastCreditsPerDay() <= 0 || depletion.toEpochMilli() <= 0) {
            return "";
        }
        BigDecimal days = BigDecimal.valueOf(Duration.between(crossed.getOccurredAt(), depletion).toMinutes())
                .divide(BigDecimal.valueOf(24 * 60), 1, java.math.RoundingMode.HALF_UP);
        return texts.format("forecast", texts.credits(crossed.getForecastCreditsPerDay()), texts.decimal(days),
                texts.date(depletion)) + "\n";
    }

    /** The templates and number formats of one language. */
    private final class Texts {
        private final Locale locale;
        private final ResourceBundle bundle;

        Texts(Locale locale) {
            this.locale = locale;
            ResourceBundle found;
            try {
                found = ResourceBundle.getBundle("alerts/messages", locale, AlertMessages.class.getClassLoader(), NO_FALLBACK);
            } catch (java.util.MissingResourceException e) {
                found = ResourceBundle.getBundle("alerts/messages", Locale.ROOT, AlertMessages.class.getClassLoader(), NO_FALLBACK);
            }
            this.bundle = found;
        }

        boolean has(String key) {
            return bundle.containsKey(key);
        }

        String format(String key, Object... args) {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        }

        String credits(long credits) {
            NumberFormat usd = NumberFormat.getCurrencyInstance(locale);
            usd.setCurrency(Currency.getInstance("USD"));
            usd.setMinimumFractionDigits(2);
            usd.setMaximumFractionDigits(credits != 0 && Math.abs(credits) < 10_000 ? 6 : 2);
            return usd.format(BigDecimal.valueOf(credits).movePointLeft(CREDITS_PER_USD_DIGITS));
        }

        /** Money in its currency's minor unit, e.g. 2500 brl → R$ 25,00; an unknown currency code is shown as is. */
        String money(long amountMinor, String currencyCode) {
            Currency currency;
            try {
                currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return amountMinor + " " + currencyCode;
            }
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(currency);
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
            return format.format(BigDecimal.valueOf(amountMinor).movePointLeft(digits));
        }

        String percent(long basisPoints) {
            NumberFormat percent = NumberFormat.getPercentInstance(locale);
            percent.setMaximumFractionDigits(1);
            return percent.format(BigDecimal.valueOf(basisPoints).movePointLeft(4));
        }

        String decimal(BigDecimal value) {
            NumberFormat number = NumberFormat.getNumberInstance(locale);
            number.setMaximumFractionDigits(1);
            return number.format(value);
        }

        String date(Instant instant) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone).format(instant);
        }
    }
}
