package io.creditgate.alert.web;

import static io.creditgate.schemas.identity.Role.ADMIN;
import static io.creditgate.schemas.identity.Role.FINANCE;

import io.creditgate.web.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which alert route (decision 40; the table in docs/alerts.md). Anything not listed is denied, and
 * {@code AlertAccessTest} fails when a mapped route has no rule here. A user's notifications and preferences are
 * theirs (the {@code userId} query parameter or path variable must be one of the token's accounts) or an admin's.
 */
@Configuration(proxyBeanMethods = false)
class AlertAccessRules {

    @Bean
    AccessRules accessRules() {
        return AccessRules.builder()
                .get("/api/notifications").ownAccountOr(ADMIN)
                .post("/api/notifications/{id}/read").ownAccountOr(ADMIN)
                .post("/api/notifications/read-all").ownAccountOr(ADMIN)
                .get("/api/users/{userId}/preferences").ownAccountOr(ADMIN)
                .put("/api/users/{userId}/preferences").ownAccountOr(ADMIN)
                .get("/api/admin/deliveries").roles(ADMIN, FINANCE)
                .get("/api/admin/preferences-audit").roles(ADMIN, FINANCE)
                .apiDocsForSignedIn()
                .build();
    }
}
