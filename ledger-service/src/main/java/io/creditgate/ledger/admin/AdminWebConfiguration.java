package io.creditgate.ledger.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Guards every {@code /api/admin/**} route with the admin key. */
@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AdminWebConfiguration.class);

    private final AdminProperties properties;

    AdminWebConfiguration(AdminProperties properties) {
        this.properties = properties;
        if (!properties.adminApiEnabled()) {
            log.warn("CREDITGATE_ADMIN_KEY is not set: the admin API refuses every call");
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminKeyInterceptor(properties)).addPathPatterns("/api/admin/**");
    }
}
