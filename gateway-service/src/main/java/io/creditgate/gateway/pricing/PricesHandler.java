package io.creditgate.gateway.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.creditgate.gateway.security.Caller;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.JsonBodies;
import io.creditgate.gateway.web.OpenAiError;
import io.creditgate.gateway.web.QueryParameters;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The price API: {@code GET /api/prices}, {@code GET /api/prices/resolve?model=}, and the admins' changes
 * {@code POST/GET /api/admin/price-changes}. Who may call which: {@code io.creditgate.gateway.security.ApiAccess}.
 * A change is checked in full before it is recorded (a typo in a rate's name is refused, never ignored: a price
 * is money), recorded append-only with its actor and reason, and applied here at once and on every other gateway
 * within {@code creditgate.pricing.refresh-interval}.
 */
@Component
class PricesHandler {

    static final String UNIT = "credits per token; 1 credit = 1 micro-USD, so each number equals USD per million tokens";
    static final int MODEL_MAX_CHARS = 200;
    static final int REASON_MAX_CHARS = 500;
    static final int PAGE_SIZE_DEFAULT = 50;
    static final int PAGE_SIZE_MAX = 200;
    static final int PAGE_MAX = 10_000;
    /** A rate above this (1 USD per token) is a typo, not a price. */
    static final BigDecimal RATE_MAX = BigDecimal.valueOf(1_000_000);
    static final int RATE_SCALE_MAX = 12;
    static final long TOKENS_MAX = 1_000_000_000L;
    /** A change may not start in the past (that would re-price calls already charged); this much clock skew is allowed. */
    static final Duration PAST_TOLERANCE = Duration.ofSeconds(5);
    static final Duration FUTURE_MAX = Duration.ofDays(366);

    private static final Set<String> REQUEST_FIELDS = Set.of("action", "model", "price", "aliasOf", "effectiveAt", "reason");
    private static final Set<String> PRICE_FIELDS = Set.of("input", "cachedInput", "cacheWrite", "output", "reasoning",
            "maxOutputTokens", "contextWindow", "longContext");
    private static final Set<String> LONG_CONTEXT_FIELDS = Set.of("aboveTokens", "input", "cachedInput", "cacheWrite",
            "output", "reasoning");
    private static final Logger log = LoggerFactory.getLogger(PricesHandler.class);
    // Rates are read as decimals from the JSON text: 0.15 is 0.15, not the double nearest to it.
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final PriceTable table;

    PricesHandler(PriceTable table) {
        this.table = table;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        Map<String, PriceList.Entry> models = new TreeMap<>();
        table.all().forEach((model, priced) -> models.put(model, new PriceList.Entry(priced.price(), priced.version())));
        PriceList body = new PriceList(UNIT, table.catalogueVersion(), table.lastChangeId(), models, table.aliases());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    Mono<ServerResponse> resolve(ServerRequest request) {
        String model = request.queryParam("model").map(String::strip).orElse("");
        checkModel(model, "model");
        PricedModel priced = table.find(model).orElseThrow(() -> new OpenAiError(HttpStatus.NOT_FOUND, "The model '"
                + model + "' has no price here: its calls are " + (table.chargesUnpricedAtDefaultRate()
                        ? "charged at the default rate." : "refused."), "invalid_request_error", "model_not_found",
                "model").asException());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new PriceList.Resolved(model, priced.pricedAs(), priced.price(), priced.version()));
    }

    Mono<ServerResponse> history(ServerRequest request) {
        String model = request.queryParam("model").map(String::strip).filter(m -> !m.isEmpty()).orElse(null);
        if (model != null) {
            checkModel(model, "model");
        }
        int page = QueryParameters.intParam(request, "page", 0, 0, PAGE_MAX);
        int size = QueryParameters.intParam(request, "size", PAGE_SIZE_DEFAULT, 1, PAGE_SIZE_MAX);
        return blocking(() -> {
            List<PriceChangesApi.ChangeView> items = table.store().page(model, page * size, size).stream()
                    .map(PriceChangesApi.ChangeView::of).toList();
            return new PriceChangesApi.ChangePage(model, page, size, table.store().count(model), items);
        }).flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    Mono<ServerResponse> change(ServerRequest request) {
        return request.principal().map(Caller::of)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("the price API was reached without a caller")))
                .flatMap(caller -> JsonBodies.read(request)
                        .map(body -> parse(body, caller.actor()))
                        .flatMap(change -> blocking(() -> table.record(check(change)))))
                .flatMap(recorded -> {
                    log.info("Price change {} by {}: {} {} ({})", recorded.id(), recorded.actor(), recorded.action(),
                            recorded.model(), recorded.reason());
                    return ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(PriceChangesApi.ChangeView.of(recorded));
                });
    }

    /** The request as a change (id 0 until recorded), every field checked on its own. */
    static PriceChange parse(byte[] body, String actor) {
        JsonNode root = object(body);
        unknownFields(root, REQUEST_FIELDS, "");
        PriceChange.Action action = action(root.get("action"));
        String model = text(root, "model");
        if (model == null) {
            throw invalid("model_missing", "Name the model (or, for ALIAS and UNALIAS, the alias): 'model'.", "model");
        }
        checkModel(model, "model");
        String reason = text(root, "reason");
        if (reason == null || reason.isBlank()) {
            throw invalid("reason_missing", "Say why, for the audit log: 'reason'.", "reason");
        }
        reason = reason.strip();
        if (reason.length() > REASON_MAX_CHARS || reason.chars().anyMatch(Character::isISOControl)) {
            throw invalid("invalid_reason", "'reason' must be at most " + REASON_MAX_CHARS
                    + " characters, without control characters.", "reason");
        }
        Instant now = Instant.now();
        Instant effectiveAt = effectiveAt(root.get("effectiveAt"), now);
        ModelPrice price = null;
        String aliasOf = null;
        if (action == PriceChange.Action.SET) {
            price = price(root.get("price"));
        } else if (root.hasNonNull("price")) {
            throw invalid("unexpected_price", "Only a SET change carries a 'price'.", "price");
        }
        if (action == PriceChange.Action.ALIAS) {
            aliasOf = text(root, "aliasOf");
            if (aliasOf == null) {
                throw invalid("alias_of_missing", "Name the model the alias means: 'aliasOf'.", "aliasOf");
            }
            checkModel(aliasOf, "aliasOf");
            if (aliasOf.equals(model)) {
                throw invalid("invalid_alias", "An alias cannot mean itself.", "aliasOf");
            }
        } else if (root.hasNonNull("aliasOf")) {
            throw invalid("unexpected_alias_of", "Only an ALIAS change carries 'aliasOf'.", "aliasOf");
        }
        return new PriceChange(0, action, model, price, aliasOf, effectiveAt, actor, reason, now);
    }

    /** What the change means against the prices in use: refused when it would do nothing or point nowhere. */
    private PriceChange check(PriceChange change) {
        Instant at = change.effectiveAt();
        switch (change.action()) {
            case RESET -> {
                boolean setByAdmin = table.findAt(change.model(), at)
                        .filter(priced -> priced.pricedAs().equals(change.model()) && priced.version().startsWith("change-"))
                        .isPresent();
                if (!setByAdmin) {
                    throw conflict("nothing_to_reset", "'" + change.model() + "' has no price set by an admin at that"
                            + " time, so there is nothing to reset.");
                }
            }
            case ALIAS -> {
                if (table.aliasTarget(change.aliasOf(), at).isPresent()) {
                    throw invalid("invalid_alias", "'" + change.aliasOf() + "' is itself an alias; point '"
                            + change.model() + "' at the model it means.", "aliasOf");
                }
                if (table.findAt(change.aliasOf(), at).isEmpty()) {
                    throw invalid("alias_target_unpriced", "'" + change.aliasOf() + "' has no price, so an alias to it"
                            + " could not be charged. Price it first.", "aliasOf");
                }
            }
            case UNALIAS -> {
                if (table.aliasTarget(change.model(), at).isEmpty()) {
                    throw conflict("not_an_alias", "'" + change.model() + "' is not an alias at that time.");
                }
            }
            case SET -> {
                // Any model may be priced: that is how an admin adds one the catalogue lacks.
            }
        }
        return change;
    }

    private static ModelPrice price(JsonNode node) {
        if (node == null || node.isNull()) {
            throw invalid("price_missing", "A SET change needs 'price' with at least 'input' and 'output' (credits"
                    + " per token, which equals USD per million tokens).", "price");
        }
        if (!node.isObject()) {
            throw invalid("invalid_price", "'price' must be an object of rates.", "price");
        }
        unknownFields(node, PRICE_FIELDS, "price.");
        BigDecimal input = rate(node, "input", true);
        BigDecimal output = rate(node, "output", true);
        return new ModelPrice(input, rate(node, "cachedInput", false), rate(node, "cacheWrite", false), output,
                rate(node, "reasoning", false), tokens(node, "maxOutputTokens"), tokens(node, "contextWindow"),
                longContext(node.get("longContext")));
    }

    /**
     * The long-context tier of a SET, if any: {@code aboveTokens} and {@code input} required, the other rates
     * default to the model's normal ones. A SET without it has no tier: it replaces the whole price.
     */
    private static ModelPrice.LongContext longContext(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("invalid_price_longContext", "'price.longContext' must be an object: aboveTokens and the"
                    + " rates of a longer prompt.", "price.longContext");
        }
        unknownFields(node, LONG_CONTEXT_FIELDS, "price.longContext.");
        Long above = tokens(node, "aboveTokens");
        if (above == null) {
            throw invalid("price_longContext_aboveTokens_missing", "'price.longContext.aboveTokens' is required: the"
                    + " prompt length above which the long-context rates apply.", "price.longContext.aboveTokens");
        }
        return new ModelPrice.LongContext(above, rate(node, "input", true, "price.longContext."),
                rate(node, "cachedInput", false, "price.longContext."), rate(node, "cacheWrite", false, "price.longContext."),
                rate(node, "output", false, "price.longContext."), rate(node, "reasoning", false, "price.longContext."));
    }

    private static BigDecimal rate(JsonNode price, String field, boolean required) {
        return rate(price, field, required, "price.");
    }

    private static BigDecimal rate(JsonNode price, String field, boolean required, String prefix) {
        JsonNode value = price.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(code(prefix, field) + "_missing", "'" + prefix + field + "' is required (credits per"
                        + " token).", prefix + field);
            }
            return null;
        }
        if (!value.isNumber()) {
            throw invalid("invalid_" + code(prefix, field), "'" + prefix + field + "' must be a number (credits per"
                    + " token).", prefix + field);
        }
        BigDecimal rate = ModelPrice.plain(value.decimalValue());
        if (rate.signum() < 0 || rate.compareTo(RATE_MAX) > 0 || rate.scale() > RATE_SCALE_MAX) {
            throw invalid("invalid_" + code(prefix, field), "'" + prefix + field + "' must be from 0 to " + RATE_MAX
                    + " credits per token, with at most " + RATE_SCALE_MAX + " decimal places.", prefix + field);
        }
        return rate;
    }

    private static Long tokens(JsonNode price, String field) {
        JsonNode value = price.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1 || value.asLong() > TOKENS_MAX) {
            throw invalid("invalid_price_" + field, "'price." + field + "' must be a whole number of tokens from 1 to "
                    + TOKENS_MAX + ".", "price." + field);
        }
        return value.asLong();
    }

    /** An error code for a field: {@code price_input}, {@code price_longContext_input}. */
    private static String code(String prefix, String field) {
        return (prefix + field).replace('.', '_');
    }

    private static PriceChange.Action action(JsonNode node) {
        String names = "SET, RESET, ALIAS or UNALIAS";
        if (node == null || node.isNull()) {
            throw invalid("action_missing", "Say what to do: 'action' is " + names + ".", "action");
        }
        if (node.isString()) {
            try {
                return PriceChange.Action.valueOf(node.asString().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        throw invalid("invalid_action", "'action' must be " + names + ".", "action");
    }

    private static Instant effectiveAt(JsonNode node, Instant now) {
        if (node == null || node.isNull()) {
            return now;
        }
        Instant at;
        try {
            at = node.isString() ? Instant.parse(node.asString().strip()) : null;
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            throw invalid("invalid_effective_at", "'effectiveAt' must be an ISO-8601 instant such as"
                    + " 2026-12-31T00:00:00Z, or absent for at once.", "effectiveAt");
        }
        if (at.isBefore(now.minus(PAST_TOLERANCE))) {
            throw invalid("effective_at_in_the_past", "'effectiveAt' is in the past: calls already charged are never"
                    + " re-priced. Leave it out to apply the change at once.", "effectiveAt");
        }
        if (at.isAfter(now.plus(FUTURE_MAX))) {
            throw invalid("invalid_effective_at", "'effectiveAt' may be at most 366 days ahead.", "effectiveAt");
        }
        return at.isBefore(now) ? now : at;
    }

    private static void checkModel(String model, String param) {
        if (model.isEmpty() || model.length() > MODEL_MAX_CHARS
                || model.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid("invalid_" + param, "'" + param + "' must be a model id of 1 to " + MODEL_MAX_CHARS
                    + " characters without spaces or control characters.", param);
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid("unknown_field", "'" + prefix + name + "' is not a field of a price change; the fields are "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ".", prefix + name);
            }
        }
    }

    private static JsonNode object(byte[] body) {
        return JsonBodies.object(JSON, body);
    }

    private static String text(JsonNode body, String field) {
        String value = JsonBodies.optionalString(body, field);
        return value != null ? value.strip() : null;
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic()).onErrorMap(PricesHandler::storeFailure);
    }

    private static GatewayException invalid(String code, String message, String param) {
        return OpenAiError.invalidRequest(code, message, param).asException();
    }

    private static GatewayException conflict(String code, String message) {
        return new OpenAiError(HttpStatus.CONFLICT, message, "invalid_request_error", code, null).asException();
    }

    /** Anything but our own answers is PostgreSQL failing: 503, logged. */
    private static Throwable storeFailure(Throwable failure) {
        if (failure instanceof GatewayException) {
            return failure;
        }
        log.warn("The price store failed: {}", failure.toString());
        return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE, "Prices cannot be changed or listed right now (the"
                + " price store is unreachable). Try again in a moment.", "server_error", "price_store_unavailable",
                null).asException();
    }
}
