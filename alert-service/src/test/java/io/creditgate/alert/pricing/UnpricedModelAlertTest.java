package io.creditgate.alert.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.creditgate.alert.AlertServiceTestBase;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;

/** Calls charged at the default rate, on real Kafka, PostgreSQL and SMTP: the admins are emailed once per model and day. */
class UnpricedModelAlertTest extends AlertServiceTestBase {

    @Test
    void theAdminsAreToldOncePerModelAndDayWhateverTheNumberOfCalls() {
        String model = "mystery-model-" + UUID.randomUUID();
        String user = newUserId();
        UsageRecorded first = atDefaultRate(usage(user, "ana@example.test", 7_000), model);
        publish(Topics.USAGE_EVENTS, user, first, atDefaultRate(usage(user, "ana@example.test", 9_000), model));
        String other = newUserId();
        publish(Topics.USAGE_EVENTS, other, atDefaultRate(usage(other, "bo@example.test", 1_000), model));

        await().atMost(WAIT).until(() -> mailsAbout(model).size() == 1);
        MimeMessage mail = mailsAbout(model).get(0);
        assertThat(subject(mail)).contains("has no price", "default rate");
        assertThat(text(mail)).contains("\"" + model + "\"", "Prices page", "ALIAS");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsAbout(model).size() == 1);
    }

    @Test
    void aPricedCallTellsNobody() {
        String model = "priced-model-" + UUID.randomUUID();
        String user = newUserId();
        UsageRecorded priced = usage(user, "cy@example.test", 5_000);
        priced.setModel(model);
        priced.setPriceVersion("catalogue@2026-12-07");
        UsageRecorded marker = atDefaultRate(usage(user, "cy@example.test", 5_000), model + "-marker");
        // The marker comes after the priced call on the same partition: once it is told, the priced call was read.
        publish(Topics.USAGE_EVENTS, user, priced, marker);
        await().atMost(WAIT).until(() -> mailsAbout(model + "-marker").size() == 1);
        assertThat(mailsTo(ADMIN_EMAIL).stream().filter(mail -> subject(mail).contains(model + " ")).toList()).isEmpty();
    }

    private static UsageRecorded atDefaultRate(UsageRecorded usage, String model) {
        usage.setModel(model);
        usage.setPriceVersion(UnpricedModelListener.DEFAULT_RATE);
        usage.setPricedModel("");
        return usage;
    }

    private static List<MimeMessage> mailsAbout(String model) {
        return mailsTo(ADMIN_EMAIL).stream().filter(mail -> subject(mail).contains(model + " ")).toList();
    }
}
