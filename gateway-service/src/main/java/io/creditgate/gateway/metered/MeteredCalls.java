package io.creditgate.gateway.metered;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.creditgate.gateway.admission.Admission;
import io.creditgate.gateway.admission.Admitted;
import io.creditgate.gateway.admission.CreditStanding;
import io.creditgate.gateway.balance.CreditHeaders;
import io.creditgate.gateway.identity.CallerIdentification;
import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.limits.LimitsProperties;
import io.creditgate.gateway.limits.RequestBodies;
import io.creditgate.gateway.limits.StreamLimits;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.gateway.pricing.PricedModel;
import io.creditgate.gateway.pricing.PriceTable;
import io.creditgate.gateway.upstream.Provider;
import io.creditgate.gateway.upstream.Upstream;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.RequestIds;
import io.creditgate.schemas.event.CallOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metered call, whatever its API: identify, read within limits, price, admit, forward, meter, record,
 * with the credit headers on the answer. What differs between APIs is asked of the call's {@link Api}.
 * Nothing here blocks a Netty thread; streams pass through event by event.
 */
@Component
class MeteredCalls {

    private static final Logger log = LoggerFactory.getLogger(MeteredCalls.class);

    private final CallerIdentification identification;
    private final RequestBodies bodies;
    private final PriceTable prices;
    private final TokenCounter tokens;
    private final Admission admission;
    private final Upstream upstream;
    private final UsageRecording recording;
    private final CreditHeaders creditHeaders;
    private final StreamLimits streamLimits;
    private final GatewayMetrics metrics;
    private final JsonMapper json;
    private final int upstreamResponseMaxBytes;

    MeteredCalls(CallerIdentification identification, RequestBodies bodies, PriceTable prices, TokenCounter tokens,
                 Admission admission, Upstream upstream, UsageRecording recording, CreditHeaders creditHeaders, StreamLimits streamLimits, GatewayMetrics metrics, JsonMapper json,
                 LimitsProperties limits) {
        this.identification = identification;
        this.bodies = bodies;
        this.prices = prices;
        this.tokens = tokens;
        this.admission = admission;
        this.upstream = upstream;
        this.recording = recording;
        this.creditHeaders = creditHeaders;
        this.streamLimits = streamLimits;
        this.metrics = metrics;
        this.json = json;
        this.upstreamResponseMaxBytes = (int) limits.upstreamResponseBytes().toBytes();
    }

    Mono<ServerResponse> handle(Api api, ServerRequest request) {
        String requestId = RequestIds.of(request.exchange());
        HttpHeaders headers = request.headers().asHttpHeaders();
        return Mono.defer(() -> identification.identify(credentials(api, headers)))
                .flatMap(user -> bodies.read(request)
                        .map(bytes -> api.read(RequestFields.parseObject(json, bytes)))
                        .flatMap(parsed -> {
                            if (parsed.stream()) {
                                streamLimits.open(request.exchange(), user);
                            }
                            return admitAndForward(api, user, parsed, requestId, headers);
                        }))
                .doOnError(GatewayException.class, e -> metrics.rejected(e.error().code()));
    }

    /**
     * Anthropic's clients send their key as {@code x-api-key}, not as a bearer token: on {@code /v1/messages}
     * it is taken as the bearer when no {@code Authorization} header is present.
     */
    private static HttpHeaders credentials(Api api, HttpHeaders headers) {
        String apiKey = headers.getFirst("x-api-key");
        if (api.provider() != Provider.ANTHROPIC || headers.containsHeader(HttpHeaders.AUTHORIZATION) || apiKey == null) {
            return headers;
        }
        HttpHeaders withBearer = new HttpHeaders();
        withBearer.addAll(headers);
        withBearer.set(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
        return withBearer;
    }

    private Mono<ServerResponse> admitAndForward(Api api, UserId user, ApiRequest parsed, String requestId,
                                                 HttpHeaders clientHeaders) {
        PricedModel priced = prices.require(parsed.model());
        long promptTokens = api.estimatePromptTokens(parsed, tokens);
        return admission.admit(user, parsed.model(), priced.price(), promptTokens, parsed.askedOutputTokens(),
                        parsed.choices())
                .flatMap(admitted -> {
                    MeteredCall call = new MeteredCall(recording, api.endpoint(), user, parsed.model(), priced,
                            parsed.stream(), requestId, admitted.eventId(), promptTokens);
                    return forward(api, call, parsed, admitted, clientHeaders);
                });
    }

    private Mono<ServerResponse> forward(Api api, MeteredCall call, ApiRequest parsed, Admitted admitted,
                                         HttpHeaders clientHeaders) {
        if (admitted.outputCapTokens() != null) {
            api.capOutput(parsed, admitted.outputCapTokens());
        }
        api.prepareForUpstream(parsed);
        byte[] body = parsed.toBytes(json);
        HttpHeaders upstreamHeaders = api.upstreamHeaders(clientHeaders);
        Answer context = new Answer(api, call, parsed, admitted.reservedCredits(), admitted.standing());
        return Mono.defer(() -> {
                    call.forwarded();
                    return upstream.forward(api.provider(), api.path(), body, upstreamHeaders);
                })
                .onErrorResume(failure -> Mono.error(upstreamFailed(call, failure)))
                .flatMap(answer -> respond(context, answer)
                        // The client left while the answer's headers were being made: drop the upstream's body.
                        .doOnCancel(() -> discard(answer)))
                // The client left before the answer began: the upstream may have started work, estimate it.
                .doOnCancel(() -> call.end(CallOutcome.CLIENT_CANCELLED));
    }

    /** What answering one call needs; the standing is the user's right after admission, for the credit headers. */
    private record Answer(Api api, MeteredCall call, ApiRequest request, long reservedCredits,
                          Optional<CreditStanding> standing) {
    }

    private Mono<ServerResponse> respond(Answer context, ResponseEntity<Flux<DataBuffer>> answer) {
        MeteredCall call = context.call();
        Flux<DataBuffer> body = answer.getBody() != null ? answer.getBody() : Flux.empty();
        ServerResponse.BodyBuilder response = ServerResponse.status(answer.getStatusCode())
                .headers(headers -> copyUpstreamHeaders(answer.getHeaders(), headers));
        if (!answer.getStatusCode().is2xxSuccessful()) {
            call.upstreamRefused();
            return response
                    .headers(headers -> creditHeaders.afterCall(headers, context.standing(), context.reservedCredits(), 0))
                    .body(BodyInserters.fromDataBuffers(body
                            .doOnTerminate(() -> call.end(CallOutcome.UPSTREAM_ERROR))
                            .doOnCancel(() -> call.end(CallOutcome.UPSTREAM_ERROR))));
        }
        if (context.request().stream()) {
            return response
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    // Asks reverse proxies such as nginx not to buffer the stream.
                    .header("X-Accel-Buffering", "no")
                    .headers(headers -> creditHeaders.duringStream(headers, context.standing(), context.reservedCredits()))
                    .body(relay(context, body));
        }
        return DataBufferUtils.join(body, upstreamResponseMaxBytes)
                .map(RequestBodies::toBytes)
                .defaultIfEmpty(new byte[0])
                .doOnNext(bytes -> meterAnswer(context, bytes))
                .doOnSuccess(bytes -> call.end(CallOutcome.COMPLETED))
                .onErrorResume(failure -> Mono.error(upstreamFailed(call, failure)))
                .flatMap(answered -> response
                        .headers(headers -> creditHeaders.afterCall(headers, context.standing(), context.reservedCredits(),
                                call.costCredits() != null ? call.costCredits() : 0))
                        .bodyValue(answered));
    }

    /** Streams the upstream's events to the client as each one completes, flushing every one. */
    private BodyInserter<Flux<DataBuffer>, ReactiveHttpOutputMessage> relay(Answer context, Flux<DataBuffer> upstreamBody) {
        MeteredCall call = context.call();
        StreamMeter meter = new StreamMeter(json, context.api(), call, context.request());
        // concatMapDelayError, not concatMapIterable: when the upstream breaks (or the duration limit stops it),
        // the events already read still reach the client before the error event; concatMapIterable would drop
        // the ones the client had not asked for yet, though they were metered and numbered.
        Flux<byte[]> events = streamLimits.limitDuration(upstreamBody)
                .concatMapDelayError(buffer -> Flux.fromIterable(meter.feed(RequestBodies.toBytes(buffer))))
                .onErrorResume(failure -> {
                    if (failure instanceof StreamLimits.StreamTooLong tooLong) {
                        // Stopped by the gateway, not the upstream: billed for what was generated.
                        call.end(CallOutcome.OTHER);
                        return Flux.fromIterable(meter.heldBack())
                                .concatWith(Mono.just(meter.midStreamError(tooLong.error().message())));
                    }
                    log.warn("Upstream stream of call {} broke: {}", call.eventId, failure.toString());
                    call.end(CallOutcome.UPSTREAM_ERROR);
                    return Flux.fromIterable(meter.heldBack())
                            .concatWith(Mono.just(meter.midStreamError(Upstream.midStreamMessage(failure))));
                })
                // The stream's ending events leave only once the call's UsageRecorded is journaled: a client that
                // saw its answer end has been charged for it, whatever happens to this gateway next.
                .concatWith(Flux.defer(() -> {
                    call.end(call.upstreamErrored() ? CallOutcome.UPSTREAM_ERROR : CallOutcome.COMPLETED);
                    return Flux.fromIterable(meter.ending());
                }))
                .doOnCancel(() -> call.end(CallOutcome.CLIENT_CANCELLED));
        return (message, insertion) -> message.writeAndFlushWith(
                events.map(bytes -> Mono.just(message.bufferFactory().wrap(bytes))));
    }

    /** Meters a whole (non-streaming) answer: the upstream's usage, or a count of the text it generated. */
    private void meterAnswer(Answer context, byte[] bytes) {
        JsonNode answer;
        try {
            answer = json.readTree(bytes);
        } catch (JacksonException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            log.warn("Answer of call {} is not a JSON object; its usage will be estimated", context.call().eventId);
            return;
        }
        context.api().meterAnswer(answer, context.call());
    }

    /**
     * A failure before or while reading the answer. When the request never left (no connection), the
     * reservation is released and no event is written; otherwise the upstream may have worked, so the call
     * is recorded as an upstream error with estimated usage.
     */
    private GatewayException upstreamFailed(MeteredCall call, Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        if (Upstream.neverReached(failure)) {
            call.abandon();
        } else {
            call.end(CallOutcome.UPSTREAM_ERROR);
        }
        log.warn("Call {} to the upstream failed: {}", call.eventId, failure.toString());
        return Upstream.failure(failure).asException();
    }

    /** Cancels an upstream body nobody will read, so its connection is closed instead of left waiting. */
    private static void discard(ResponseEntity<Flux<DataBuffer>> answer) {
        if (answer.getBody() != null) {
            answer.getBody().subscribe(DataBufferUtils::release, e -> { }).dispose();
        }
    }

    private static void copyUpstreamHeaders(HttpHeaders from, HttpHeaders to) {
        MediaType contentType = from.getContentType();
        if (contentType != null) {
            to.setContentType(contentType);
        }
        // Lets support trace a call at the provider; the gateway's own id stays in X-Request-Id.
        List<String> upstreamRequestId = from.get("x-request-id");
        if (upstreamRequestId == null || upstreamRequestId.isEmpty()) {
            upstreamRequestId = from.get("request-id"); // Anthropic's name for it
        }
        if (upstreamRequestId != null && !upstreamRequestId.isEmpty()) {
            to.set("X-Upstream-Request-Id", upstreamRequestId.get(0));
        }
    }
}
