package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.server.WebFilter;

import io.creditgate.gateway.keys.KeysApi;
import io.creditgate.gateway.pricing.PriceList;
import io.creditgate.web.testing.OpenApiSnapshot;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's OpenAPI document: the key and price APIs for anyone signed in, equal to the dashboard's committed
 * copy (decision 57); and the records it is made of read real answers field for field, so that the document cannot
 * drift from the JSON the handlers write by hand.
 */
class OpenApiDocumentTest extends KeysTestBase {

    /** Fails on a field the record lacks, and on a record field the answer lacks. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Autowired
    ApplicationContext context;

    @Test
    void servesTheKeyAndPriceApisToSignedInCallersOnly() {
        HttpResponse<String> docs = get("/v3/api-docs", Console.user(newUser()));

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json(docs.body()).get("paths");
        assertThat(paths.has("/api/keys")).isTrue();
        assertThat(paths.has("/api/keys/{id}")).isTrue();
        assertThat(paths.has("/api/keys/audit")).isTrue();
        assertThat(paths.has("/api/prices")).isTrue();
        assertThat(paths.toString()).doesNotContain("/v1/", "/actuator");
        HttpResponse<String> stranger = get("/v3/api-docs", null);
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(errorCode(stranger)).isEqualTo("credentials_missing");
        assertThat(get("/v3/api-docs.yaml", null).statusCode()).isEqualTo(401);
        OpenApiSnapshot.assertCommitted("gateway", docs.body());
    }

    @Test
    void realAnswersReadIntoTheDocumentsRecordsFieldForField() {
        String user = newUser();
        String body = "{\"userId\":\"" + user + "\",\"name\":\"documented\",\"budgetCredits\":5000}";
        HttpResponse<String> created = keyApi("POST", "/api/keys", ADMIN_KEY, body);
        assertThat(created.statusCode()).isEqualTo(201);
        KeysApi.CreatedKeyView key = STRICT.readValue(created.body(), KeysApi.CreatedKeyView.class);
        createKey(user, null);

        HttpResponse<String> revoked = keyApi("DELETE", "/api/keys/" + key.id(), ADMIN_KEY, null);
        KeysApi.KeyList list = STRICT.readValue(keyApi("GET", "/api/keys?userId=" + user, ADMIN_KEY, null).body(),
                KeysApi.KeyList.class);
        KeysApi.KeyAuditPage audit = STRICT.readValue(keyApi("GET", "/api/keys/audit?size=2", ADMIN_KEY, null).body(),
                KeysApi.KeyAuditPage.class);
        PriceList prices = STRICT.readValue(get("/api/prices", Console.user(user)).body(), PriceList.class);

        assertThat(key.key()).isNotBlank();
        assertThat(key.budgetCredits()).isEqualTo(5000L);
        assertThat(STRICT.readValue(revoked.body(), KeysApi.KeyView.class).revokedAt()).isNotNull();
        assertThat(list.data()).hasSize(2).filteredOn(listed -> listed.revokedAt() == null).hasSize(1);
        assertThat(audit.data()).hasSize(2);
        assertThat(audit.hasMore()).isTrue();
        assertThat(prices.models()).containsKey("gpt-4o-mini");
    }

    @Test
    void springdocAddsNoWebFilterSoTheChatPathDoesNotPassThroughIt() {
        assertThat(context.getBeansOfType(WebFilter.class).values())
                .allSatisfy(filter -> assertThat(filter.getClass().getName()).doesNotStartWith("org.springdoc"));
    }

    private HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(CALL_TIMEOUT).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }
}
