package io.creditgate.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** The error shape every servlet service answers with ({@link ApiErrors}), and the bound on request bodies. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ApiErrors.class)
public class WebErrorsAutoConfiguration {

    /**
     * Request bodies above {@code creditgate.web.max-request-body-bytes} (env {@code CREDITGATE_MAX_REQUEST_BODY_BYTES},
     * default 1 MiB, what the console relays) are refused with 413, before Spring Security reads anything.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
            @Value("${creditgate.web.max-request-body-bytes:${CREDITGATE_MAX_REQUEST_BODY_BYTES:1048576}}") long maxBytes) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(maxBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Spring Security's firewall refuses a URL with an encoded CR, LF, NUL, {@code ..} and the like before any
     * filter of ours; its default handler answers with the container's error page. This one answers 400
     * {@code url_rejected} in the services' shape (the URL is not repeated: it is what was hostile).
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler jsonRequestRejectedHandler() {
        return (request, response, rejected) -> ApiErrors.write(response, 400, "url_rejected",
                "The request's URL holds characters this service never accepts (such as an encoded line break).");
    }
}
