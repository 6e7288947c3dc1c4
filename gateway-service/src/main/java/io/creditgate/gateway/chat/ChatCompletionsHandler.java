package io.creditgate.gateway.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import io.creditgate.gateway.identity.CallerIdentification;
import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.limits.LimitsProperties;
import io.creditgate.gateway.limits.RequestBodies;
import io.creditgate.gateway.metering.ProviderUsage;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.gateway.pricing.PriceTable;
import io.creditgate.gateway.upstream.Upstream;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.OpenAiError;
import io.creditgate.gateway.web.RequestIds;
import io.creditgate.schemas.event.CallOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/chat/completions}: identify, read within limits, price, admit, forward, meter, record.
 * Nothing here blocks a Netty thread; streams pass through event by event.
 */
@Component
class ChatCompletionsHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsHandler.class);

    private final CallerIdentification identification;
    private final RequestBodies bodies;
    private final PriceTable prices;
    private final TokenCounter tokens;
    private final Admission admission;
    private final Upstream upstream;
    private final UsageRecording recording;
    private final GatewayMetrics metrics;
    private final JsonMapper json;
    private final int upstreamResponseMaxBytes;

    ChatCompletionsHandler(CallerIdentification identification, RequestBodies bodies, PriceTable prices,
                           TokenCounter tokens, Admission admission, Upstream upstream, UsageRecording recording,
                           GatewayMetrics metrics, JsonMapper json, LimitsProperties limits) {
        this.identification = identification;
        this.bodies = bodies;
        this.prices = prices;
        this.tokens = tokens;
        this.admission = admission;
        this.upstream = upstream;
        this.recording = recording;
        this.metrics = metrics;
        this.json = json;
        this.upstreamResponseMaxBytes = (int) limits.upstreamResponseBytes().toBytes();
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        String requestId = RequestIds.of(request.exchange());
        return Mono.fromCallable(() -> identification.identify(request.headers().asHttpHeaders()))
                .flatMap(user -> bodies.read(request)
                        .map(bytes -> ChatRequest.parse(json, bytes))
                        .flatMap(chat -> admitAndForward(user, chat, requestId)))
                .doOnError(GatewayException.class, e -> metrics.rejected(e.error().code()));
    }

    private Mono<ServerResponse> admitAndForward(UserId user, ChatRequest chat, String requestId) {
        ModelPrice price = prices.require(chat.model());
        long promptTokens = tokens.countPrompt(chat.model(), chat.messages(), chat.tools());
        return admission.admit(user, chat.model(), price, promptTokens, chat.askedOutputTokens(), chat.choices())
                .flatMap(admitted -> forward(new MeteredCall(recording, user, chat.model(), price, chat.stream(),
                        requestId, admitted.eventId(), promptTokens), chat, admitted));
    }

    private Mono<ServerResponse> forward(MeteredCall call, ChatRequest chat, Admitted admitted) {
        if (admitted.outputCapTokens() != null) {
            chat.capOutput(admitted.outputCapTokens());
        }
        if (chat.stream()) {
            chat.askForUsage();
        }
        byte[] body = chat.toBytes(json);
        return Mono.defer(() -> {
                    call.forwarded();
                    return upstream.chatCompletions(body);
                })
                .onErrorResume(failure -> Mono.error(upstreamFailed(call, failure)))
                .flatMap(answer -> respond(call, chat, answer))
                // The client left before the answer began: the upstream may have started work, estimate it.
                .doOnCancel(() -> call.end(CallOutcome.CLIENT_CANCELLED));
    }

    private Mono<ServerResponse> respond(MeteredCall call, ChatRequest chat, ResponseEntity<Flux<DataBuffer>> answer) {
        Flux<DataBuffer> body = answer.getBody() != null ? answer.getBody() : Flux.empty();
        ServerResponse.BodyBuilder response = ServerResponse.status(answer.getStatusCode())
                .headers(headers -> copyUpstreamHeaders(answer.getHeaders(), headers));
        if (!answer.getStatusCode().is2xxSuccessful()) {
            call.upstreamRefused();
            return response.body(BodyInserters.fromDataBuffers(body
                    .doOnTerminate(() -> call.end(CallOutcome.UPSTREAM_ERROR))
                    .doOnCancel(() -> call.end(CallOutcome.UPSTREAM_ERROR))));
        }
        if (chat.stream()) {
            return response.header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    // Asks reverse proxies such as nginx not to buffer the stream.
                    .header("X-Accel-Buffering", "no")
                    .body(relay(call, chat, body));
        }
        return DataBufferUtils.join(body, upstreamResponseMaxBytes)
                .map(RequestBodies::toBytes)
                .defaultIfEmpty(new byte[0])
                .doOnNext(bytes -> meterAnswer(call, bytes))
                .doOnSuccess(bytes -> call.end(CallOutcome.COMPLETED))
                .onErrorResume(failure -> Mono.error(upstreamFailed(call, failure)))
                .flatMap(bytes -> response.bodyValue(bytes));
    }

    /** Streams the upstream's events to the client as each one completes, flushing every one. */
    private BodyInserter<Flux<DataBuffer>, ReactiveHttpOutputMessage> relay(
            MeteredCall call, ChatRequest chat, Flux<DataBuffer> upstreamBody) {
        StreamMeter meter = new StreamMeter(json, call, chat.clientWantsUsage());
        Flux<byte[]> events = upstreamBody
                .concatMapIterable(buffer -> meter.feed(RequestBodies.toBytes(buffer)))
                .concatWith(Mono.fromSupplier(meter::remainder).filter(rest -> rest.length > 0))
                .onErrorResume(failure -> {
                    log.warn("Upstream stream of call {} broke: {}", call.eventId, failure.toString());
                    call.end(CallOutcome.UPSTREAM_ERROR);
                    return Mono.just(midStreamError());
                })
                .doOnComplete(() -> call.end(meter.upstreamReportedError() ? CallOutcome.UPSTREAM_ERROR
                        : CallOutcome.COMPLETED))
                .doOnCancel(() -> call.end(CallOutcome.CLIENT_CANCELLED));
        return (message, context) -> message.writeAndFlushWith(
                events.map(bytes -> Mono.just(message.bufferFactory().wrap(bytes))));
    }

    /** Meters a whole (non-streaming) answer: the upstream's usage, or a count of the text it generated. */
    private void meterAnswer(MeteredCall call, byte[] bytes) {
        JsonNode answer;
        try {
            answer = json.readTree(bytes);
        } catch (JacksonException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            log.warn("Answer of call {} is not a JSON object; its usage will be estimated", call.eventId);
            return;
        }
        ProviderUsage.from(answer.get("usage")).ifPresent(call::reported);
        call.generated.addChoices(answer.path("choices"), "message");
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
        String message = failure instanceof DataBufferLimitException
                ? "The upstream's answer is larger than this gateway accepts."
                : "The upstream model provider could not be reached or did not answer. Try again in a moment.";
        return new OpenAiError(HttpStatus.BAD_GATEWAY, message, "server_error", "upstream_unavailable", null)
                .asException();
    }

    private static byte[] midStreamError() {
        String event = "data: {\"error\":{\"message\":\"The upstream model provider stopped answering mid-stream.\","
                + "\"type\":\"server_error\",\"code\":\"upstream_unavailable\",\"param\":null}}\n\n";
        return event.getBytes(StandardCharsets.UTF_8);
    }

    private static void copyUpstreamHeaders(HttpHeaders from, HttpHeaders to) {
        MediaType contentType = from.getContentType();
        if (contentType != null) {
            to.setContentType(contentType);
        }
        // Lets support trace a call at the provider; the gateway's own id stays in X-Request-Id.
        List<String> upstreamRequestId = from.get("x-request-id");
        if (upstreamRequestId != null && !upstreamRequestId.isEmpty()) {
            to.set("X-Upstream-Request-Id", upstreamRequestId.get(0));
        }
    }
}
