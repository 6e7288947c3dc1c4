package io.creditgate.platform.embedded.stripe;

import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.client;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.paymentSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.RefundCreateParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks received by an endpoint that verifies them exactly as a payment service does, with stripe-java. */
class DemoWebhooksTest {

    static final String SECRET = "whsec_demo_current";
    static final Duration AT_MOST = Duration.ofSeconds(10);

    WebhookReceiver receiver;
    DemoStripe demo;
    StripeClient stripe;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
        receiver.close();
    }

    private void startDemo(DemoStripe.Options options) {
        demo = DemoStripe.start(options);
        stripe = client(demo);
    }

    private DemoStripe.Options fastRetries() {
        return DemoStripe.Options.defaults().withWebhookEndpoint(receiver.url(), SECRET)
                .withRetries(Duration.ofMillis(100), 5);
    }

    @Test
    void eventsAreSignedSoStripeJavaVerifiesThemAndReadsTheirObject() throws Exception {
        startDemo(fastRetries());

        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("w@x.io").build(),
                RequestOptions.builder().setIdempotencyKey("customer-w").build());

        await().atMost(AT_MOST).until(() -> receiver.types().contains("customer.created"));
        WebhookReceiver.Received received = receiver.received().get(0);
        Event event = received.event();
        assertThat(event.getId()).startsWith("evt_");
        assertThat(event.getApiVersion()).isEqualTo(com.stripe.Stripe.API_VERSION);
        assertThat(event.getPendingWebhooks()).isEqualTo(1L);
        assertThat(event.getRequest().getIdempotencyKey()).isEqualTo("customer-w");
        assertThat(event.getDataObjectDeserializer().getObject()).hasValueSatisfying(
                object -> assertThat(((Customer) object).getId()).isEqualTo(customer.getId()));
        assertThat(received.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(received.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThatThrownBy(() -> Webhook.constructEvent(received.body(), received.signature(), "whsec_other"))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.constructEvent(received.body().replace("w@x.io", "z@x.io"),
                received.signature(), SECRET)).isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void theSignatureHelperMakesHeadersStripeJavaAcceptsOrRefusesAsStale() throws Exception {
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\","
                + "\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}";
        long now = java.time.Instant.now().getEpochSecond();

        assertThat(Webhook.constructEvent(payload, DemoStripe.signatureHeader(payload, now, SECRET), SECRET).getId())
                .isEqualTo("evt_1");
        assertThatThrownBy(() -> Webhook.constructEvent(payload,
                DemoStripe.signatureHeader(payload, now - 301, SECRET), SECRET))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("tolerance");
    }

    @Test
    void whileASecretRollsEachEventCarriesASignatureThatEitherSecretVerifies() throws Exception {
        startDemo(DemoStripe.Options.defaults().withWebhookEndpoint(receiver.url(), "whsec_old", SECRET));

        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("roll@x.io").build());

        await().atMost(AT_MOST).until(() -> !receiver.events().isEmpty());
        WebhookReceiver.Received received = receiver.received().get(0);
        assertThat(received.signature()).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(Webhook.constructEvent(received.body(), received.signature(), "whsec_old").getId())
                .isEqualTo(received.event().getId());
        assertThat(Webhook.constructEvent(received.body(), received.signature(), SECRET).getId())
                .isEqualTo(received.event().getId());
    }

    @Test
    void aDeliveryAnswered500IsRetriedWithDoublingPausesUntilItIsTaken() throws Exception {
        startDemo(fastRetries());
        receiver.answerNext(500, 500);

        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("retry@x.io").build());

        await().atMost(AT_MOST).until(() -> receiver.events().size() == 1);
        String eventId = receiver.events().get(0).getId();
        List<DemoStripe.DeliveryAttempt> attempts = attemptsOf(eventId);
        assertThat(attempts).extracting(DemoStripe.DeliveryAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(DemoStripe.DeliveryAttempt::httpStatus).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(DemoStripe.DeliveryAttempt::outcome).containsExactly(
                DemoStripe.DeliveryOutcome.WILL_RETRY, DemoStripe.DeliveryOutcome.WILL_RETRY,
                DemoStripe.DeliveryOutcome.DELIVERED);
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.eventType()).isEqualTo("customer.created"));
        List<WebhookReceiver.Received> tries = receiver.received();
        assertThat(tries.get(1).atMillis() - tries.get(0).atMillis()).isGreaterThanOrEqualTo(90);
        assertThat(tries.get(2).atMillis() - tries.get(1).atMillis()).isGreaterThanOrEqualTo(190);
    }

    @Test
    void aRedirectCountsAsAFailedDelivery() throws Exception {
        startDemo(fastRetries());
        receiver.answerNext(302);

        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("redirect@x.io").build());

        await().atMost(AT_MOST).until(() -> receiver.events().size() == 1);
        assertThat(attemptsOf(receiver.events().get(0).getId()))
                .extracting(DemoStripe.DeliveryAttempt::httpStatus).containsExactly(302, 200);
    }

    @Test
    void givesUpAfterTheLastAttemptAndRecordsIt() throws Exception {
        startDemo(fastRetries().withRetries(Duration.ofMillis(50), 3));
        receiver.answerNext(500, 500, 500);

        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("gone@x.io").build());

        await().atMost(AT_MOST).until(() -> demo.deliveries().stream()
                .anyMatch(a -> a.outcome() == DemoStripe.DeliveryOutcome.GAVE_UP));
        assertThat(demo.deliveries()).extracting(DemoStripe.DeliveryAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(receiver.events()).isEmpty();
    }

    @Test
    void anUnreachableEndpointIsRetriedAndTheConnectionErrorRecorded() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        startDemo(DemoStripe.Options.defaults().withWebhookEndpoint("http://127.0.0.1:" + closedPort + "/hook",
                SECRET).withRetries(Duration.ofMillis(50), 2));

        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("down@x.io").build());

        await().atMost(AT_MOST).until(() -> demo.deliveries().size() == 2);
        assertThat(demo.deliveries()).allSatisfy(attempt -> {
            assertThat(attempt.httpStatus()).isZero();
            assertThat(attempt.error()).isNotBlank();
        });
        assertThat(demo.deliveries().get(1).outcome()).isEqualTo(DemoStripe.DeliveryOutcome.GAVE_UP);
    }

    @Test
    void everyEventIsDeliveredSeveralTimesWhenReconfiguredForDuplicates() throws Exception {
        startDemo(fastRetries());
        demo.reconfigure(demo.options().withDeliveriesPerEvent(3));

        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("dup@x.io").build());

        await().atMost(AT_MOST).until(() -> receiver.events().size() == 3);
        assertThat(receiver.events()).extracting(Event::getId).containsOnly(receiver.events().get(0).getId());
    }

    @Test
    void outOfOrderDeliverySendsAHeldBatchNewestFirst() throws Exception {
        startDemo(fastRetries().withOutOfOrderWindow(Duration.ofMillis(500)));
        Session session = paymentSession(stripe, 3_000);
        demo.payCheckout(session.getId(), "4242424242424242");
        String intent = stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent();
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent).setAmount(1_000L).build());
        List<String> happened = demo.events().stream().map(DemoStripe.StoredEvent::type).toList();

        await().atMost(AT_MOST).until(() -> receiver.events().size() == happened.size());

        List<String> arrived = receiver.types();
        assertThat(arrived).containsExactlyInAnyOrderElementsOf(happened);
        assertThat(arrived.indexOf("checkout.session.completed")).isGreaterThan(arrived.indexOf("charge.refunded"));
        assertThat(arrived).isNotEqualTo(happened);
    }

    @Test
    void anEventIsRedeliveredOnRequestAfterADelay() throws Exception {
        startDemo(fastRetries());
        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("again@x.io").build());
        await().atMost(AT_MOST).until(() -> receiver.events().size() == 1);
        String eventId = receiver.events().get(0).getId();

        long asked = System.currentTimeMillis();
        demo.redeliver(eventId, Duration.ofMillis(300));
        DemoStripeFixtures.postForm(demo.baseUrl() + "/_demo/events/" + eventId + "/redeliver", "delay_seconds=0");

        await().atMost(AT_MOST).until(() -> receiver.events().size() == 3);
        assertThat(receiver.events()).extracting(Event::getId).containsOnly(eventId);
        assertThat(receiver.received().get(2).atMillis() - asked).isGreaterThanOrEqualTo(290);
        String listed = DemoStripeFixtures.get(demo.baseUrl() + "/_demo/webhooks/deliveries").body();
        assertThat(listed).contains(eventId).contains("\"outcome\" : \"DELIVERED\"");
    }

    @Test
    void anEndpointAddedAtRuntimeReceivesTheEventsFromThenOn() throws Exception {
        startDemo(DemoStripe.Options.defaults());
        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("before@x.io").build());

        DemoStripeFixtures.postForm(demo.baseUrl() + "/_demo/webhooks/endpoints",
                "url=" + java.net.URLEncoder.encode(receiver.url(), java.nio.charset.StandardCharsets.UTF_8)
                        + "&secrets[]=" + SECRET);
        Customer after = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("after@x.io").build());

        await().atMost(AT_MOST).until(() -> receiver.events().size() == 1);
        assertThat(((Customer) receiver.events().get(0).getDataObjectDeserializer().getObject().orElseThrow())
                .getId()).isEqualTo(after.getId());
    }

    private List<DemoStripe.DeliveryAttempt> attemptsOf(String eventId) {
        return demo.deliveries().stream().filter(attempt -> attempt.eventId().equals(eventId)).toList();
    }
}
