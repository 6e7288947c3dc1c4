package io.creditgate.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.creditgate.alert.AlertServiceTestBase;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.PaymentNoticeAudience;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The payment service's notices (creditgate.payment-notices) on real Kafka, PostgreSQL and SMTP: the user's reach the
 * user by email and in the dashboard, a dispute reaches the admins and finance only, each once.
 */
class PaymentNoticeDeliveryTest extends AlertServiceTestBase {

    @Test
    void aTopUpThatNeedsTheCardHolderEmailsTheUserTheConfirmationLinkOnceAndShowsItInTheDashboard() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        PaymentNoticeRaised notice = notice(user, PaymentNoticeKind.TOP_UP_NEEDS_AUTHENTICATION, PaymentNoticeAudience.USER,
                "https://checkout.example/c/pay/cs_test_1", "");

        publish(Topics.PAYMENT_NOTICES, user, notice, notice);

        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 1);
        MimeMessage mail = mailsTo(emailOf(user)).get(0);
        assertThat(subject(mail)).isEqualTo("Creditgate: confirm your automatic top-up");
        assertThat(text(mail)).contains("confirm the automatic top-up of $20.00 ($20.00 of credits)",
                "Confirm the payment: https://checkout.example/c/pay/cs_test_1");
        JsonNode notification = get("/api/notifications?userId=" + user).json().get("notifications").get(0);
        assertThat(notification.get("kind").asString()).isEqualTo("PAYMENT_TOP_UP_NEEDS_AUTHENTICATION");
        assertThat(notification.get("title").asString()).isEqualTo("Creditgate: confirm your automatic top-up");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(emailOf(user)).size() == 1);
        assertThat(mailsTo(ADMIN_EMAIL).stream().filter(m -> text(m).contains(user))).as("no staff copy of a user's notice").isEmpty();
    }

    @Test
    void aFailedPixPaymentIsToldInBrazilianPortugueseWithTheProvidersReasonAndTheBuyPage() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\",\"locale\":\"pt-BR\"}");
        PaymentNoticeRaised notice = PaymentNoticeRaised.newBuilder(notice(user, PaymentNoticeKind.ASYNC_PAYMENT_FAILED,
                PaymentNoticeAudience.USER, "", "The PIX code expired.")).setAmountMinor(2_500).setCurrency("brl").build();

        publish(Topics.PAYMENT_NOTICES, user, notice);

        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 1);
        MimeMessage mail = mailsTo(emailOf(user)).get(0);
        assertThat(subject(mail)).isEqualTo("Creditgate: seu pagamento não foi concluído");
        assertThat(text(mail).replace('\u00a0', ' ')).contains("Seu pagamento de R$ 25,00 (PIX ou boleto) não foi concluído",
                "Motivo informado: The PIX code expired.", "Tente novamente: " + BUY_URL);
    }

    @Test
    void aDisputeEmailsTheAdminsAndFinanceEachOnceAndNeverTheUser() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        PaymentNoticeRaised opened = notice(user, PaymentNoticeKind.DISPUTE_OPENED, PaymentNoticeAudience.ADMINS_AND_FINANCE,
                "", "fraudulent");

        publish(Topics.PAYMENT_NOTICES, user, opened, opened);

        await().atMost(WAIT).until(() -> about(FINANCE_EMAIL, user).size() == 1 && about(ADMIN_EMAIL, user).size() == 1);
        MimeMessage mail = about(FINANCE_EMAIL, user).get(0);
        assertThat(subject(mail)).isEqualTo("[Creditgate] " + user + ": dispute of $20.00 opened");
        assertThat(text(mail)).contains("disputed purchase cs_test_" + user, "unspent credits are held", emailOf(user));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> about(FINANCE_EMAIL, user).size() == 1 && about(ADMIN_EMAIL, user).size() == 1);
        assertThat(mailsTo(emailOf(user))).as("the card holder is not emailed about the dispute").isEmpty();
        assertThat(get("/api/notifications?userId=" + user).json().get("notifications")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery WHERE alert_event_id = ?", Long.class, opened.getEventId()))
                .isEqualTo(1);
    }

    /** The distinct messages (GreenMail keeps a copy per recipient of one message) to the address about the user. */
    private static List<MimeMessage> about(String address, String user) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return mailsTo(address).stream().filter(mail -> subject(mail).contains(user)).filter(mail -> {
            try {
                return seen.add(mail.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static PaymentNoticeRaised notice(String user, PaymentNoticeKind kind, PaymentNoticeAudience audience,
            String actionUrl, String detail) {
        return PaymentNoticeRaised.newBuilder().setEventId("notice-" + UUID.randomUUID()).setOccurredAt(now()).setUserId(user)
                .setKind(kind).setAudience(audience).setPaymentId("cs_test_" + user).setAmountMinor(2_000).setCurrency("usd")
                .setCredits(20_000_000).setActionUrl(actionUrl).setDetail(detail).build();
    }
}
