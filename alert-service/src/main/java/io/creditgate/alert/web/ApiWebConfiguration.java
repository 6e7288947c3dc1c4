package io.creditgate.alert.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Guards every {@code /api/**} route (notifications, preferences, the delivery log) with the key. */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ApiWebConfiguration.class);

    private final ApiKeyProperties properties;

    ApiWebConfiguration(ApiKeyProperties properties) {
        this.properties = properties;
        if (!properties.enabled()) {
            log.warn("CREDITGATE_ADMIN_KEY is not set: the alert service's API refuses every call");
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiKeyInterceptor(properties)).addPathPatterns("/api/**");
    }
}
