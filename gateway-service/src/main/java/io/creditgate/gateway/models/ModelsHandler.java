package io.creditgate.gateway.models;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.creditgate.gateway.identity.CallerIdentification;
import io.creditgate.gateway.pricing.PriceTable;
import io.creditgate.gateway.upstream.Upstream;
import io.creditgate.gateway.web.GatewayException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models}: the upstream's models that are priced here, since a model without a price is
 * refused anyway. When the upstream fails or is slow, the price table answers alone, because LibreChat
 * hides a custom endpoint whose model list fails. Needs the service key (or a virtual key or JWT), not a user: LibreChat fetches
 * the list without a user context.
 */
@Component
class ModelsHandler {

    private static final Logger log = LoggerFactory.getLogger(ModelsHandler.class);

    private final CallerIdentification identification;
    private final Upstream upstream;
    private final PriceTable prices;
    private final JsonMapper json;

    ModelsHandler(CallerIdentification identification, Upstream upstream, PriceTable prices, JsonMapper json) {
        this.identification = identification;
        this.upstream = upstream;
        this.prices = prices;
        this.json = json;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        return Mono.defer(() -> identification.requireCaller(request.headers().asHttpHeaders()))
                .then(upstream.models())
                .map(this::pricedOnly)
                .onErrorResume(e -> !(e instanceof GatewayException), e -> {
                    log.warn("Upstream model list unavailable ({}); answering from the price table", e.toString());
                    return Mono.just(fromPriceTable());
                })
                .flatMap(list -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(list));
    }

    /** The upstream's list without the models that have no price here. */
    private ObjectNode pricedOnly(byte[] upstreamList) {
        JsonNode root = json.readTree(upstreamList);
        JsonNode data = root.path("data");
        if (!data.isArray()) {
            throw new IllegalStateException("the upstream's model list has no 'data' array");
        }
        boolean everyModelCharged = prices.chargesUnpricedAtDefaultRate();
        ObjectNode list = listNode();
        ArrayNode models = list.putArray("data");
        for (JsonNode model : data) {
            if (everyModelCharged || prices.find(model.path("id").asString("")).isPresent()) {
                models.add(model);
            }
        }
        return list;
    }

    private ObjectNode fromPriceTable() {
        ObjectNode list = listNode();
        ArrayNode models = list.putArray("data");
        // The operator's chosen models, not the catalogue's hundreds, which would drown a chat's model menu.
        for (String id : prices.chosen().keySet()) {
            models.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "creditgate");
        }
        return list;
    }

    private ObjectNode listNode() {
        ObjectNode list = json.createObjectNode();
        list.put("object", "list");
        return list;
    }
}
