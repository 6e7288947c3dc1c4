package io.creditgate.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Closes a connection whose client does not finish a request's line and headers in time (a slowloris trickling one
 * header byte at a time, which a per-read idle timeout never catches). The clock runs while the connection waits for
 * a request head: from the connection's opening, and again from the end of each answer; a decoded head stops it.
 * On expiry the client gets 408 with the gateway's JSON error, and the connection is closed. Sits right after
 * Netty's HTTP codec, so it sees decoded requests and whole answers; one instance per connection, on its event loop.
 */
final class RequestHeadDeadline extends ChannelDuplexHandler {

    static final String NAME = "creditgate.requestHeadDeadline";
    private static final byte[] TIMED_OUT = ("{\"error\":{\"message\":\"The request's headers did not arrive in time; the "
            + "connection was closed.\",\"type\":\"invalid_request_error\",\"code\":\"request_timeout\",\"param\":null}}")
            .getBytes(StandardCharsets.UTF_8);

    private final long timeoutMillis;
    /** Requests whose head was read and whose answer is not yet written whole. */
    private int unanswered;
    private ScheduledFuture<?> deadline;

    RequestHeadDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            unanswered++;
            disarm();
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                unanswered = Math.max(0, unanswered - 1);
                if (unanswered == 0 && ctx.channel().isActive()) {
                    arm(ctx);
                }
            });
        }
        ctx.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        deadline = ctx.executor().schedule(() -> timedOut(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        deadline = null;
        if (!ctx.channel().isActive() || unanswered > 0) {
            return;
        }
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.wrappedBuffer(TIMED_OUT));
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, TIMED_OUT.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // Written from here, past Reactor's own handlers, which never saw a request on this connection.
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }
}
