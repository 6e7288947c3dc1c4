package io.creditgate.platform.embedded.stripe;

import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.client;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.pack;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.paymentSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.LineItem;
import com.stripe.model.StripeCollection;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DemoStripeApiTest {

    static DemoStripe demo;
    static StripeClient stripe;

    @BeforeAll
    static void start() {
        demo = DemoStripe.start();
        stripe = client(demo);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void createsAndRetrievesACustomer() throws Exception {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("ana@example.com").setName("Ana").putMetadata("account", "acc-1").build());

        Customer read = stripe.v1().customers().retrieve(created.getId());

        assertThat(read.getId()).startsWith("cus_");
        assertThat(read.getEmail()).isEqualTo("ana@example.com");
        assertThat(read.getName()).isEqualTo("Ana");
        assertThat(read.getMetadata()).containsEntry("account", "acc-1");
        assertThat(read.getLivemode()).isFalse();
        assertThat(read.getLastResponse().headers().firstValue("Request-Id")).hasValueSatisfying(
                id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void refusesARequestWithoutTheSecretKeyOrWithAnotherKey() throws Exception {
        StripeClient wrongKey = StripeClient.builder().setApiKey("sk_test_not_the_demo_key")
                .setApiBase(demo.baseUrl()).build();
        assertThatThrownBy(() -> wrongKey.v1().customers().retrieve("cus_x"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid API Key provided");

        HttpResponse<String> anonymous = DemoStripeFixtures.get(demo.baseUrl() + "/v1/customers/cus_x");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("You did not provide an API key");
    }

    @Test
    void anUnknownIdIsA404InStripesErrorShape() {
        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("id");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such customer: 'cus_missing'");
                    assertThat(e.getRequestId()).startsWith("req_");
                });
    }

    @Test
    void anUnknownUrlIsA404() throws Exception {
        HttpResponse<String> response = DemoStripeFixtures.HTTP.send(HttpRequest.newBuilder(
                        URI.create(demo.baseUrl() + "/v1/nothing_here"))
                .header("Authorization", "Bearer " + DemoStripe.DEFAULT_SECRET_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Unrecognized request URL (GET: /v1/nothing_here)");
    }

    @Test
    void aNewCheckoutSessionIsOpenAndUnpaidWithTheHostedPageUrl() throws Exception {
        Session session = paymentSession(stripe, 1_000);

        assertThat(session.getId()).startsWith("cs_test_");
        assertThat(session.getObject()).isEqualTo("checkout.session");
        assertThat(session.getStatus()).isEqualTo("open");
        assertThat(session.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(session.getMode()).isEqualTo("payment");
        assertThat(session.getUrl()).isEqualTo(demo.baseUrl() + "/c/pay/" + session.getId());
        assertThat(session.getAmountTotal()).isEqualTo(1_000L);
        assertThat(session.getCurrency()).isEqualTo("usd");
        assertThat(session.getClientReferenceId()).isEqualTo("account-1");
        assertThat(session.getCustomerEmail()).isEqualTo("ana@example.com");
        assertThat(session.getMetadata()).containsEntry("pack", "starter");
        assertThat(session.getSuccessUrl()).contains("{CHECKOUT_SESSION_ID}");
        assertThat(session.getPaymentIntent()).isNull();
    }

    @Test
    void theAmountTotalIsTheSumOfTheLineItems() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(pack("brl", 2_500, 3))
                .addLineItem(pack("brl", 1_000, 1))
                .setSuccessUrl("https://example.com/ok").build());

        assertThat(session.getAmountTotal()).isEqualTo(8_500L);
        assertThat(session.getCurrency()).isEqualTo("brl");
        List<LineItem> items = stripe.v1().checkout().sessions().lineItems().list(session.getId()).getData();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).getId()).startsWith("li_");
        assertThat(items.get(0).getQuantity()).isEqualTo(3L);
        assertThat(items.get(0).getAmountTotal()).isEqualTo(7_500L);
        assertThat(items.get(0).getDescription()).isEqualTo("Credit pack");
        assertThat(items.get(0).getPrice().getId()).startsWith("price_");
        assertThat(items.get(0).getPrice().getUnitAmount()).isEqualTo(2_500L);
    }

    @Test
    void aPaidSessionExpandsItsLineItemsAndPaymentIntentWithTheCharge() throws Exception {
        Session session = paymentSession(stripe, 4_200);
        demo.payCheckout(session.getId(), "4242424242424242");

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId(), SessionRetrieveParams.builder()
                .addExpand("line_items").addExpand("payment_intent").addExpand("payment_intent.latest_charge")
                .build());

        assertThat(paid.getStatus()).isEqualTo("complete");
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(paid.getUrl()).isNull();
        assertThat(paid.getLineItems().getData()).singleElement()
                .satisfies(item -> assertThat(item.getAmountTotal()).isEqualTo(4_200L));
        assertThat(paid.getPaymentIntentObject().getStatus()).isEqualTo("succeeded");
        assertThat(paid.getPaymentIntentObject().getAmountReceived()).isEqualTo(4_200L);
        assertThat(paid.getPaymentIntentObject().getLatestChargeObject().getAmount()).isEqualTo(4_200L);
        assertThat(paid.getPaymentIntentObject().getLatestChargeObject().getPaymentIntent())
                .isEqualTo(paid.getPaymentIntent());
        assertThat(paid.getCustomerDetails().getEmail()).isEqualTo("ana@example.com");
    }

    @Test
    void refusesToExpandAFieldThatCannotBeExpanded() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().retrieve(paymentSession(stripe, 100).getId(),
                SessionRetrieveParams.builder().addExpand("mode").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("This property cannot be expanded (mode)");
    }

    @Test
    void expiresAnOpenSessionAndOnlyAnOpenOne() throws Exception {
        Session session = paymentSession(stripe, 100);

        Session expired = stripe.v1().checkout().sessions().expire(session.getId());

        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThat(expired.getUrl()).isNull();
        assertThat(demo.events("checkout.session.expired")).anySatisfy(
                event -> assertThat(event.json()).contains(session.getId()));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().expire(session.getId()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Only Checkout Sessions with a status in [\"open\"] can be expired.");
    }

    @Test
    void refusesARecurringPriceInPaymentModeAndMissingLineItems() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(DemoStripeFixtures.monthlyPlan("usd", 900)).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("line_items[0]");
                    assertThat(e.getMessage()).contains("You specified `payment` mode but passed a recurring price");
                });
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("parameter_missing"));
    }

    @Test
    void theSameIdempotencyKeyWithTheSameParametersReplaysTheFirstAnswer() throws Exception {
        CustomerCreateParams params = CustomerCreateParams.builder().setEmail("idem@example.com").build();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("create-customer-1").build();

        Customer first = stripe.v1().customers().create(params, key);
        Customer second = stripe.v1().customers().create(params, key);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(demo.events("customer.created")).filteredOn(event -> event.json().contains(first.getId()))
                .hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyWithOtherParametersIsAnIdempotencyError() throws Exception {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("create-customer-2").build();
        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build(), key);

        assertThatThrownBy(() -> stripe.v1().customers().create(
                CustomerCreateParams.builder().setEmail("b@example.com").build(), key))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
                    assertThat(e.getMessage()).contains("create-customer-2");
                });
    }

    @Test
    void eventsAreListedNewestFirstInPagesFilteredByTypeAndCreation() throws Exception {
        long before = java.time.Instant.now().getEpochSecond();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(stripe.v1().customers().create(CustomerCreateParams.builder()
                    .setEmail("paging-" + i + "@example.com").putMetadata("paging", "yes").build()).getId());
        }
        List<Event> all = new java.util.ArrayList<>();
        EventListParams.Builder params = EventListParams.builder().setType("customer.created").setLimit(2L)
                .setCreated(EventListParams.Created.builder().setGte(before).build());
        StripeCollection<Event> page = stripe.v1().events().list(params.build());
        all.addAll(page.getData());
        while (page.getHasMore()) {
            page = stripe.v1().events().list(params.setStartingAfter(page.getData().get(1).getId()).build());
            assertThat(page.getData().size()).isLessThanOrEqualTo(2);
            all.addAll(page.getData());
        }

        List<String> newestFirst = all.stream()
                .map(event -> ((Customer) event.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .filter(ids::contains).toList();
        List<String> expected = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(expected);
        assertThat(newestFirst).containsExactlyElementsOf(expected);
        assertThat(all).allSatisfy(event -> {
            assertThat(event.getId()).startsWith("evt_");
            assertThat(event.getApiVersion()).isEqualTo("2026-07-29.dahlia");
            assertThat(event.getType()).isEqualTo("customer.created");
            assertThat(event.getRequest().getId()).startsWith("req_");
        });
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("customer.created")
                .setCreated(EventListParams.Created.builder().setGt(before + 3_600).build()).build()).getData())
                .isEmpty();
    }

    @Test
    void anEventIsRetrievedByIdWithItsDataObject() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("e@x.io").build());
        String eventId = demo.events("customer.created").stream().filter(e -> e.json().contains(customer.getId()))
                .findFirst().orElseThrow().id();

        Event event = stripe.v1().events().retrieve(eventId);

        assertThat(event.getDataObjectDeserializer().getObject()).hasValueSatisfying(
                object -> assertThat(((Customer) object).getEmail()).isEqualTo("e@x.io"));
        assertThat(event.getPendingWebhooks()).isEqualTo(0L);
        assertThat(event.getLivemode()).isFalse();
    }

    @Test
    void listsACustomersSavedCards() throws Exception {
        Session session = DemoStripeFixtures.paidSessionSavingCard(stripe, demo, "4242 4242 4242 4242");

        var methods = stripe.v1().customers().paymentMethods().list(session.getCustomer()).getData();

        assertThat(methods).singleElement().satisfies(method -> {
            assertThat(method.getId()).startsWith("pm_");
            assertThat(method.getCard().getLast4()).isEqualTo("4242");
            assertThat(method.getCard().getBrand()).isEqualTo("visa");
            assertThat(method.getCustomer()).isEqualTo(session.getCustomer());
        });
        assertThat(stripe.v1().paymentMethods().retrieve(methods.get(0).getId()).getType()).isEqualTo("card");
    }

    @Test
    void theFormParserReadsNestedKeysListsAndAppends() {
        StripeForm form = StripeForm.parse("line_items[0][price_data][currency]=usd&line_items[0][quantity]=2"
                + "&line_items[1][price]=price_1&expand[]=a&expand[]=b&metadata[k]=v%20w&mode=payment");
        JsonNode json = StripeJson.JSON.valueToTree(form.asMap());
        assertThat(json.at("/line_items/0/price_data/currency").asString()).isEqualTo("usd");
        assertThat(json.at("/line_items/0/quantity").asString()).isEqualTo("2");
        assertThat(json.at("/line_items/1/price").asString()).isEqualTo("price_1");
        assertThat(form.strings("expand")).containsExactly("a", "b");
        assertThat(form.map("metadata")).containsEntry("k", "v w");
        assertThatThrownBy(() -> StripeForm.parse("a[b=1")).isInstanceOf(StripeError.class);
    }
}
