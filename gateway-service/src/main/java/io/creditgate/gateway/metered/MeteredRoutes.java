package io.creditgate.gateway.metered;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** One POST route per metered API, all served by the same pipeline. */
@Configuration(proxyBeanMethods = false)
class MeteredRoutes {

    @Bean
    RouterFunction<ServerResponse> meteredApiRoutes(MeteredCalls calls, List<Api> apis) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (Api api : apis) {
            routes.POST(api.path(), request -> calls.handle(api, request));
        }
        return routes.build();
    }
}
