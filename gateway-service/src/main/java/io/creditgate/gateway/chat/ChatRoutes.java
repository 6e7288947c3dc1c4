package io.creditgate.gateway.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class ChatRoutes {

    @Bean
    RouterFunction<ServerResponse> chatCompletionsRoute(ChatCompletionsHandler handler) {
        return RouterFunctions.route().POST("/v1/chat/completions", handler::handle).build();
    }
}
