package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.creditgate.platform.embedded.DemoUpstream;
import tools.jackson.databind.JsonNode;

class ModelsAndPricesTest extends GatewayTestBase {

    @Test
    void modelListIsTheUpstreamsPricedModels() {
        HttpResponse<String> response = get("/v1/models", "Bearer " + SERVICE_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json(response.body());
        assertThat(list.get("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(model -> ids.add(model.get("id").asString()));
        // The demo serves these four; gpt-unserved is priced but not served, so it is not listed.
        assertThat(ids).containsExactlyInAnyOrderElementsOf(DemoUpstream.MODELS);
        assertThat(list.at("/data/0/owned_by").asString()).isEqualTo("creditgate-demo");
    }

    @Test
    void modelListNeedsTheServiceKey() {
        HttpResponse<String> response = get("/v1/models", "Bearer nope");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).at("/error/code").asString()).isEqualTo("service_key_wrong");
    }

    @Test
    void priceTableIsOpenToAnyAuthenticatedCallerAndReadsLikeTheProvidersPricePage() {
        assertThat(get("/api/prices", null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = get("/api/prices", "Bearer " + Console.token("prices-reader", List.of(), List.of()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode models = json(response.body()).get("models");
        assertThat(models.at("/gpt-4o-mini/price/input").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(models.at("/gpt-4o-mini/price/cachedInput").decimalValue()).isEqualByComparingTo("0.075");
        assertThat(models.at("/gpt-4o-mini/price/output").decimalValue()).isEqualByComparingTo("0.60");
        assertThat(models.at("/gpt-4.1-mini/price/input").decimalValue()).isEqualByComparingTo("0.40");
        assertThat(models.at("/gpt-4o/price/output").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(models.at("/gpt-5-mini/price/cachedInput").decimalValue()).isEqualByComparingTo("0.025");
        // A price without cached-input charges cached tokens at the input price.
        assertThat(models.at("/" + UNSERVED_MODEL + "/price/cachedInput").decimalValue()).isEqualByComparingTo("1");
        // Each price says where it comes from: the catalogue, the operator's configuration, or an admin's change.
        assertThat(models.at("/gpt-4o-mini/version").asString()).startsWith("catalogue@");
        assertThat(models.at("/" + UNSERVED_MODEL + "/version").asString()).isEqualTo("config");
    }

    private HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }
}
