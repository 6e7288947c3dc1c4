package io.creditgate.web.security;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * For services that publish an OpenAPI document (springdoc): a {@link Caller} argument comes from the bearer token
 * ({@link CallerArgumentResolver}), not from the request, so it is no parameter of the API. Without this, springdoc
 * describes it as a required query parameter "caller" that no client can send, and the dashboard's generated types
 * would demand it (decision 57).
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocUtils.class)
public class CallerOpenApiAutoConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
}
