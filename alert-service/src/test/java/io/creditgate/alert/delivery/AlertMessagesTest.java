package io.creditgate.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.creditgate.alert.contact.Contact;
import io.creditgate.alert.detection.DetectionProperties;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import io.creditgate.schemas.event.UnusualSpend;
import org.junit.jupiter.api.Test;

/** The templates and the planning rules, without Spring: every kind of alert in both languages. */
class AlertMessagesTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final DeliveryProperties PROPERTIES = new DeliveryProperties(true, "alerts@creditgate.test",
            "https://creditgate.test/buy", List.of("ops@creditgate.test"), List.of("finance@creditgate.test", "ops@creditgate.test"), "en", Duration.ofHours(24), "g", "c", 4, 20,
            Duration.ofMillis(500), Duration.ofMinutes(5), 6, Duration.ofSeconds(1), Duration.ofMinutes(5),
            new DeliveryProperties.Webhook(Duration.ofSeconds(5), false, 2048));
    private static final DetectionProperties DETECTION = new DetectionProperties(true, "a", "", 1, Duration.ofMillis(100), -1,
            List.of(50, 80, 100), 100_000, ZoneId.of("Europe/Lisbon"), 300, Duration.ofMinutes(15), 24, 100_000,
            Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(35));

    private final AlertMessages messages = new AlertMessages(PROPERTIES, DETECTION);
    private final DeliveryPlanner planner = new DeliveryPlanner(messages, PROPERTIES);

    @Test
    void aLowBalanceAlertSaysWhatIsLeftInBothLanguages() {
        Alert alert = Alert.of(crossed("LOW_BALANCE", 100_000, 950_000, true));
        assertThat(messages.forUser(alert, Locale.ENGLISH).subject()).isEqualTo("Creditgate: your balance is low ($0.05 left)");
        Message pt = messages.forUser(alert, Locale.forLanguageTag("pt-PT"));
        assertThat(pt.subject().replace('\u00a0', ' ')).isEqualTo("Creditgate: saldo baixo (restam 0,05 US$)"); // Portugal writes the symbol after
        assertThat(pt.body()).contains("Comprar mais créditos: https://creditgate.test/buy");
    }

    @Test
    void aNewCycleIsAnnouncedNotAsCreditsAdded() {
        ThresholdResolved resolved = ThresholdResolved.newBuilder().setEventId("r").setOccurredAt(AT).setUserId("u")
                .setThresholdKind("UTILISATION").setThresholdValue(8_000).setCycleStartedAt(AT).setUtilisationBasisPoints(0)
                .setBalanceCredits(1_000_000).setCauseEventId("c").setAccountVersion(3).setReason("NEW_CYCLE")
                .setMostSevere(true).build();
        Message message = messages.forUser(Alert.of(resolved), Locale.ENGLISH);
        assertThat(message.subject()).isEqualTo("Creditgate: a new cycle began");
        assertThat(message.body()).contains("you have used 0% of the new cycle's credits and have $1.00 left");
    }

    @Test
    void unusualSpendInPortugueseNamesTheWindowAndTheFactor() {
        UnusualSpend unusual = UnusualSpend.newBuilder().setEventId("x").setOccurredAt(AT).setUserId("u")
                .setWindowStartedAt(AT.minus(Duration.ofMinutes(15))).setWindowEndsAt(AT).setWindowSpentCredits(250_000)
                .setTrailingHourlyAverageCredits(200_000).setFactorPercent(300).setCauseEventId("c").build();
        String body = messages.forUser(Alert.of(unusual), Locale.forLanguageTag("pt")).body().replace('\u00a0', ' ');
        assertThat(body).contains("Nos últimos 15 minutos você gastou US$ 0,25: 5 vezes o seu ritmo habitual por hora, de US$ 0,20");
    }

    @Test
    void anUnknownLanguageFallsBackToTheDefault() {
        assertThat(messages.localeOf("fr-FR").getLanguage()).isEqualTo("en");
        assertThat(messages.localeOf(null).getLanguage()).isEqualTo("en");
        assertThat(messages.localeOf("pt-BR")).isEqualTo(Locale.forLanguageTag("pt-BR"));
    }

    @Test
    void aCrossingThatIsNotTheMostSevereOfItsChangeIsNotDelivered() {
        Contact contact = new Contact("u", "u@example.com", "en", false, null, Contact.WebhookFormat.CREDITGATE, null);
        assertThat(planner.plan(Alert.of(crossed("UTILISATION", 5_000, 850_000, false)), contact, AT)).isEmpty();
        assertThat(planner.plan(Alert.of(crossed("UTILISATION", 8_000, 850_000, true)), contact, AT))
                .extracting(PlannedDelivery::channel).containsExactly(Channel.IN_APP, Channel.EMAIL);
        assertThat(planner.plan(Alert.of(crossed("UTILISATION", 10_000, 1_000_000, true)), contact, AT))
                .extracting(PlannedDelivery::channel).containsExactly(Channel.IN_APP, Channel.EMAIL, Channel.ADMIN_EMAIL);
    }

    @Test
    void backoffDoublesUpToItsCap() {
        assertThat(PROPERTIES.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(PROPERTIES.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(PROPERTIES.backoffAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(PROPERTIES.backoffAfter(30)).isEqualTo(Duration.ofMinutes(5));
    }

    private static ThresholdCrossed crossed(String kind, long value, long spent, boolean mostSevere) {
        return ThresholdCrossed.newBuilder().setEventId("e-" + value).setOccurredAt(AT).setUserId("u").setThresholdKind(kind)
                .setThresholdValue(value).setCycleStartedAt(AT.minus(Duration.ofDays(10))).setCycleEndsAt(AT.plus(Duration.ofDays(20)))
                .setUtilisationBasisPoints(spent / 100).setBalanceCredits(1_000_000 - spent).setCycleCredits(1_000_000)
                .setSpentCycleCredits(spent).setCauseEventId("c").setAccountVersion(5).setMostSevere(mostSevere).build();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(io.creditgate.schemas.event.PaymentNoticeKind.class)
    void everyPaymentNoticeHasItsTextsInBothLanguagesForTheUserAndTheStaff(io.creditgate.schemas.event.PaymentNoticeKind kind) {
        for (io.creditgate.schemas.event.PaymentNoticeAudience audience : io.creditgate.schemas.event.PaymentNoticeAudience.values()) {
            Alert alert = Alert.of(io.creditgate.schemas.event.PaymentNoticeRaised.newBuilder().setEventId("n").setOccurredAt(AT)
                    .setUserId("u").setKind(kind).setAudience(audience).setPaymentId("pi_1").setAmountMinor(2_500)
                    .setCurrency("brl").setCredits(5_000_000).build());
            for (String language : List.of("en", "pt-BR")) {
                Message message = messages.forUser(alert, Locale.forLanguageTag(language));
                assertThat(message.subject()).as("%s %s", kind, language).doesNotContain("{").isNotBlank();
                assertThat(message.body()).as("%s %s", kind, language).doesNotContain("{").isNotBlank();
            }
            Message staff = messages.forStaff(alert, "u@example.test");
            assertThat(staff.subject()).startsWith("[Creditgate] u: ").doesNotContain("{");
            assertThat(staff.body()).contains("u@example.test").doesNotContain("{");
        }
    }

    @Test
    void aDisputeIsPlannedForTheAdminsAndFinanceOnlyEachAddressOnce() {
        Alert alert = Alert.of(io.creditgate.schemas.event.PaymentNoticeRaised.newBuilder().setEventId("n").setOccurredAt(AT)
                .setUserId("u").setKind(io.creditgate.schemas.event.PaymentNoticeKind.DISPUTE_OPENED)
                .setAudience(io.creditgate.schemas.event.PaymentNoticeAudience.ADMINS_AND_FINANCE).setPaymentId("cs_1")
                .setAmountMinor(2_000).build());
        List<PlannedDelivery> planned = planner.plan(alert, new io.creditgate.alert.contact.Contact("u", "u@example.test", null,
                false, null, io.creditgate.alert.contact.Contact.WebhookFormat.CREDITGATE, null), AT);
        assertThat(planned).singleElement().satisfies(delivery -> {
            assertThat(delivery.channel()).isEqualTo(Channel.ADMIN_EMAIL);
            assertThat(delivery.recipient()).isEqualTo("ops@creditgate.test,finance@creditgate.test");
            assertThat(delivery.subject()).isEqualTo("[Creditgate] u: dispute of $20.00 opened");
        });
    }

    @Test
    void anAccountNamedByAnEmailIsWrittenToThereWhenNoOtherAddressIsKnown() {
        Contact contact = new Contact("ana@example.com", null, "en", false, null, Contact.WebhookFormat.CREDITGATE, null);
        assertThat(DeliveryPlanner.addressOf(contact)).isEqualTo("ana@example.com");
        Contact given = new Contact("ana@example.com", "ana.personal@example.org", "en", false, null, Contact.WebhookFormat.CREDITGATE, null);
        assertThat(DeliveryPlanner.addressOf(given)).isEqualTo("ana.personal@example.org");
        for (String notAnAddress : List.of("alice", "user-1", "ana@localhost", "a b@example.com", "ana@example.com>x", "<a@b.co>")) {
            assertThat(DeliveryPlanner.addressOf(new Contact(notAnAddress, null, "en", false, null, Contact.WebhookFormat.CREDITGATE,
                    null))).as(notAnAddress).isNull();
        }
        Alert alert = Alert.of(crossed("UTILISATION", 8_000, 800_000, true));
        Contact optedOut = new Contact("ana@example.com", null, "en", true, null, Contact.WebhookFormat.CREDITGATE, null);
        assertThat(planner.plan(alert, optedOut, AT)).filteredOn(d -> d.channel() == Channel.EMAIL).singleElement()
                .satisfies(d -> assertThat(d.skipReason()).isEqualTo("the user opted out of email"));
    }
}
