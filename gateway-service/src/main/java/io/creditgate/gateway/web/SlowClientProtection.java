package io.creditgate.gateway.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;

/**
 * Bounds the time a slow client can hold a connection (decision 73): Reactor Netty's own {@code readTimeout} (silence
 * between two reads of a body) and {@code requestTimeout} (a whole body), which Spring Boot does not expose as
 * properties, and {@link RequestHeadDeadline} for the request line and headers, which Reactor Netty does not bound
 * at all (its {@code idleTimeout} restarts at every byte, so a client trickling a header byte by byte is never cut).
 * Streamed answers are not affected: none of these runs while the gateway writes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientTimeoutsProperties.class)
class SlowClientProtection {

    @Bean
    NettyServerCustomizer slowClientTimeouts(ClientTimeoutsProperties timeouts) {
        long headMillis = timeouts.head().toMillis();
        return server -> server.readTimeout(timeouts.bodyRead()).requestTimeout(timeouts.body())
                // At the channel's initialisation, after Reactor Netty put its HTTP codec in: the deadline must
                // see a new connection's first bytes (doOnConnection would run only once a request was decoded).
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    ChannelPipeline pipeline = channel.pipeline();
                    // HTTP/1.1 only (the codec's name).
                    if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(RequestHeadDeadline.NAME) == null) {
                        RequestHeadDeadline deadline = new RequestHeadDeadline(headMillis);
                        pipeline.addAfter(NettyPipeline.HttpCodec, RequestHeadDeadline.NAME, deadline);
                        pipeline.addBefore(NettyPipeline.HttpCodec, RequestHeadDeadline.FIRST_BYTES_NAME, deadline.firstBytes());
                    }
                });
    }
}
