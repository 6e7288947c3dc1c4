package io.creditgate.gateway.limits;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;

import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;

/** Reads a request body into memory, never more than {@code creditgate.limits.request-body-bytes}. */
@Component
public class RequestBodies {

    private final int maxBytes;

    RequestBodies(LimitsProperties limits) {
        this.maxBytes = (int) limits.requestBodyBytes().toBytes();
    }

    /** The body's bytes; a 413 when it is over the limit, a 400 when it is empty. */
    public Mono<byte[]> read(ServerRequest request) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            // Refuse on the declared length before reading a byte of it.
            return Mono.error(tooLarge());
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(RequestBodies::toBytes)
                .switchIfEmpty(Mono.error(() -> OpenAiError.invalidRequest("body_missing",
                        "The request has no body; send the call as a JSON object.", null).asException()));
    }

    /** Copies a buffer out and releases it: Netty's pooled buffers leak unless released exactly once. */
    public static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private RuntimeException tooLarge() {
        return new OpenAiError(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than this gateway accepts ("
                + maxBytes + " bytes). Shorten the conversation or attach less.", "invalid_request_error",
                "request_too_large", null).asException();
    }
}
