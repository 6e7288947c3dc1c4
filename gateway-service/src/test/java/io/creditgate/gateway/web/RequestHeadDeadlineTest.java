package io.creditgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The slowloris guard on its own, on Netty's embedded channel with a frozen clock. */
class RequestHeadDeadlineTest {

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new RequestHeadDeadline(2_000));
        return channel;
    }

    @Test
    void answers408AndClosesWhenNoHeadArrivesInTime() {
        EmbeddedChannel channel = channel();
        channel.advanceTimeBy(1_999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status()).isEqualTo(HttpResponseStatus.REQUEST_TIMEOUT);
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).contains("\"code\":\"request_timeout\"");
        answer.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aHeadInTimeStopsTheClockWhileTheRequestIsServed() {
        EmbeddedChannel channel = channel();
        channel.advanceTimeBy(1_500, TimeUnit.MILLISECONDS);
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions"));
        channel.advanceTimeBy(60, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("a long call is not cut").isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void theClockRestartsAfterTheAnswerForTheNextRequestOnTheConnection() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/models"));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ((FullHttpResponse) channel.readOutbound()).release();
        channel.advanceTimeBy(2_000, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        FullHttpResponse timedOut = channel.readOutbound();
        assertThat(timedOut.status()).isEqualTo(HttpResponseStatus.REQUEST_TIMEOUT);
        timedOut.release();
        assertThat(channel.isOpen()).isFalse();
    }
}
