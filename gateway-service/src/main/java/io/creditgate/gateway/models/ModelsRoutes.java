package io.creditgate.gateway.models;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class ModelsRoutes {

    @Bean
    RouterFunction<ServerResponse> modelsRoute(ModelsHandler handler) {
        return RouterFunctions.route().GET("/v1/models", handler::handle).build();
    }
}
