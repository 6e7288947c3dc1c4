package io.creditgate.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Closes a connection whose client does not finish a request's line and headers in time (a slowloris trickling one
 * header byte at a time, which a per-read idle timeout never catches). The clock starts at the first byte of a
 * request (seen by {@link #firstBytes()}, placed before Netty's HTTP codec) and stops when the codec has decoded the
 * head (this handler, placed after it). On expiry the client gets 408 with the gateway's JSON error, and the
 * connection is closed. An idle keep-alive connection, with no byte of a next request, runs no clock: a 408 written
 * there would be read by the client as the answer to the request it is about to send. One instance per connection,
 * on its event loop.
 */
final class RequestHeadDeadline extends ChannelDuplexHandler {

    static final String NAME = "creditgate.requestHeadDeadline";
    static final String FIRST_BYTES_NAME = "creditgate.requestHeadStart";
    private static final byte[] TIMED_OUT = ("{\"error\":{\"message\":\"The request's headers did not arrive in time; the "
            + "connection was closed.\",\"type\":\"invalid_request_error\",\"code\":\"request_timeout\",\"param\":null}}")
            .getBytes(StandardCharsets.UTF_8);

    private final long timeoutMillis;
    /** Requests whose head was read and whose answer is not yet written whole. */
    private int unanswered;
    private ScheduledFuture<?> deadline;
    private ChannelHandlerContext context;

    RequestHeadDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** The raw-bytes side, for before the codec: a byte arriving while no request is being answered starts the clock. */
    ChannelHandler firstBytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message instanceof ByteBuf bytes && bytes.isReadable() && unanswered == 0 && deadline == null
                        && context != null) {
                    arm();
                }
                ctx.fireChannelRead(message);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
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
        // An interim answer (100 Continue) ends no request: the real one follows.
        boolean interim = message instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (message instanceof LastHttpContent && !interim) {
            promise = promise.unvoid();
            promise.addListener(written -> unanswered = Math.max(0, unanswered - 1));
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

    private void arm() {
        disarm();
        deadline = context.executor().schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void timedOut() {
        deadline = null;
        if (!context.channel().isActive() || unanswered > 0) {
            return;
        }
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.wrappedBuffer(TIMED_OUT));
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, TIMED_OUT.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // Written from here, past Reactor's own handlers, which never saw this request's head.
        context.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }
}
