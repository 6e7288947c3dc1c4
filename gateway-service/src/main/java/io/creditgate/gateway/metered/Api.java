package io.creditgate.gateway.metered;

import org.springframework.http.HttpHeaders;

import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.upstream.Provider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What differs between the metered APIs: request fields, how to estimate the prompt, where the output
 * limit goes, how usage and generated text are read from a whole answer and from stream events, and the
 * shape of an error inside a stream. One stateless instance per API; {@link MeteredCalls} runs the same
 * identify, admit, forward, meter and record flow for all of them.
 */
interface Api {

    /** The path clients call and the gateway forwards to, e.g. {@code /v1/responses}. */
    String path();

    /** {@code UsageRecorded.endpoint}: "chat.completions", "completions", "embeddings", "responses", "messages". */
    String endpoint();

    /** Whose wire format and upstream this API uses; most are OpenAI's. */
    default Provider provider() {
        return Provider.OPENAI;
    }

    /** Checks the request enough to price, admit and meter it; a 400 for what the gateway cannot meter. */
    ApiRequest read(ObjectNode body);

    /** The prompt tokens the call will likely be billed, counted before it is sent. */
    long estimatePromptTokens(ApiRequest request, TokenCounter tokens);

    /** Lowers the request's output limit to what the user can afford, in this API's own field. */
    void capOutput(ApiRequest request, long tokens);

    /** Last changes before forwarding, such as asking a stream for its usage. */
    default void prepareForUpstream(ApiRequest request) {
    }

    /** Headers of the client's this API passes upstream (never credentials). */
    default HttpHeaders upstreamHeaders(HttpHeaders client) {
        return HttpHeaders.EMPTY;
    }

    /** Meters a whole (non-streaming) answer: the provider's usage if it reported one, and the generated text. */
    void meterAnswer(JsonNode answer, MeteredCall call);

    /**
     * Meters one event of a stream; returns whether the client sees it. Marks the call when the event
     * reports an upstream error.
     */
    boolean meterEvent(SseEvent event, MeteredCall call, ApiRequest request);

    /** The last event of a stream the gateway has to break off, in this API's shape. */
    byte[] midStreamError(String message, long nextSequenceNumber);
}
