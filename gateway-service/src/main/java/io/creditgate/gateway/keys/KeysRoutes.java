package io.creditgate.gateway.keys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The key API (docs/gateway.md, "Virtual keys"); who may call what: {@code io.creditgate.gateway.security.ApiAccess}. */
@Configuration(proxyBeanMethods = false)
class KeysRoutes {

    @Bean
    RouterFunction<ServerResponse> keysRoute(KeysHandler handler) {
        return RouterFunctions.route()
                .GET("/api/keys/audit", handler::audit)
                .POST("/api/keys", handler::create)
                .GET("/api/keys", handler::list)
                .DELETE("/api/keys/{id}", handler::revoke)
                .build();
    }
}
