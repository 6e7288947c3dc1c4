package io.creditgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The slowloris guard on its own, on Netty's embedded channel with a frozen clock; raw bytes stand for what reaches
 * the codec, a request object for the head the codec decoded.
 */
class RequestHeadDeadlineTest {

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        RequestHeadDeadline deadline = new RequestHeadDeadline(2_000);
        channel.pipeline().addLast(deadline.firstBytes(), deadline);
        return channel;
    }

    private static void bytes(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        Object passed = channel.readInbound();
        io.netty.util.ReferenceCountUtil.release(passed);
    }

    private static void elapse(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void answers408AndClosesWhenAStartedHeadDoesNotFinishInTime() {
        EmbeddedChannel channel = channel();
        bytes(channel, "POST /v1/chat/completions HTTP/1.1\r\nHost: g");
        elapse(channel, 1_000);
        bytes(channel, "a");
        elapse(channel, 999);
        assertThat(channel.isOpen()).as("a trickle does not restart the clock, but it has not run out").isTrue();

        elapse(channel, 1);
        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status()).isEqualTo(HttpResponseStatus.REQUEST_TIMEOUT);
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).contains("\"code\":\"request_timeout\"");
        answer.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anIdleConnectionRunsNoClock() {
        EmbeddedChannel channel = channel();
        elapse(channel, 60_000);
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aHeadInTimeStopsTheClockWhileTheRequestIsServed() {
        EmbeddedChannel channel = channel();
        bytes(channel, "POST /v1/chat/completions HTTP/1.1\r\n");
        elapse(channel, 1_500);
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions"));
        bytes(channel, "{\"model\":");
        elapse(channel, 60_000);
        assertThat(channel.isOpen()).as("a long call is not cut, nor is its body").isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aHundredContinueIsNoAnswer() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions"));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        ((FullHttpResponse) channel.readOutbound()).release();
        bytes(channel, "{\"model\":");
        elapse(channel, 60_000);
        assertThat(channel.isOpen()).as("the body and the answer are still to come").isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void theNextRequestOnTheConnectionGetsItsOwnClockFromItsFirstByte() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/models"));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ((FullHttpResponse) channel.readOutbound()).release();
        elapse(channel, 10_000);
        assertThat(channel.isOpen()).as("idle between requests").isTrue();

        bytes(channel, "GET /v1/mod");
        elapse(channel, 2_000);
        FullHttpResponse timedOut = channel.readOutbound();
        assertThat(timedOut.status()).isEqualTo(HttpResponseStatus.REQUEST_TIMEOUT);
        timedOut.release();
        assertThat(channel.isOpen()).isFalse();
    }
}
