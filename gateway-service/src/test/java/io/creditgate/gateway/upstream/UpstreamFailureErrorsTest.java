package io.creditgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.creditgate.gateway.web.OpenAiError;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;

/** Which error a client gets for each way the upstream can fail before its answer begins. */
class UpstreamFailureErrorsTest {

    @Test
    void anUpstreamThatTakesTooLongToConnectOrAnswerIsA504() {
        assertTimeout(wrapped(new ConnectTimeoutException("connection timed out: upstream/10.0.0.1:443")));
        assertTimeout(wrapped(ReadTimeoutException.INSTANCE));
        assertTimeout(new TimeoutException("Did not observe any item or terminal signal within 1000ms"));
        assertThat(Upstream.midStreamMessage(ReadTimeoutException.INSTANCE)).contains("timed out mid-stream");
    }

    @Test
    void anUpstreamThatCannotBeReachedOrAnswersTooMuchIsA502() {
        OpenAiError refused = Upstream.failure(wrapped(new ConnectException("Connection refused")));
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(refused.code()).isEqualTo("upstream_unavailable");
        assertThat(Upstream.neverReached(wrapped(new ConnectTimeoutException("timed out")))).isTrue();

        OpenAiError tooLarge = Upstream.failure(new DataBufferLimitException("Exceeded limit on max bytes to buffer"));
        assertThat(tooLarge.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(tooLarge.message()).isEqualTo("The upstream's answer is larger than this gateway accepts.");
        assertThat(Upstream.midStreamMessage(new IllegalStateException("reset")))
                .isEqualTo("The upstream model provider stopped answering mid-stream.");
    }

    private static void assertTimeout(Throwable failure) {
        OpenAiError error = Upstream.failure(failure);
        assertThat(error.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(error.type()).isEqualTo("server_error");
        assertThat(error.code()).isEqualTo("upstream_timeout");
    }

    /** How WebClient hands a transport failure on. */
    private static WebClientRequestException wrapped(Throwable cause) {
        return new WebClientRequestException(cause, HttpMethod.POST, URI.create("http://upstream/v1/chat/completions"),
                new HttpHeaders());
    }
}
