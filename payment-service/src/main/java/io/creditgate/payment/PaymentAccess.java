package io.creditgate.payment;

import static io.creditgate.schemas.identity.Role.ADMIN;
import static io.creditgate.schemas.identity.Role.FINANCE;

import io.creditgate.web.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which payment route: the service's one {@link AccessRules} bean. Anything not listed is denied, and
 * the route walk ({@code PaymentRoutesTest}) fails when a mapped route has no rule here. Every feature adds its
 * routes here, not in a bean of its own.
 */
@Configuration(proxyBeanMethods = false)
class PaymentAccess {

    @Bean
    AccessRules accessRules() {
        return AccessRules.builder()
                // Stripe calls it without a token: the signature on the raw body is its authentication.
                .post("/api/payments/stripe/webhook").publicly()
                // The buy page: what is on sale and whether card payments are on.
                .get("/api/payments/packs").authenticated()
                .get("/api/payments/status").authenticated()
                // A signed-in person buys for an account of their own; the controller checks the ownership.
                .post("/api/payments/checkout").authenticated()
                // A person's purchases, refunds, disputes and receipts: theirs, or staff's.
                .get("/api/payments/users/{userId}/purchases").ownAccountOr(ADMIN, FINANCE)
                // Auto top-up: the owner or an admin sets it; only the card holder saves the card it charges.
                .get("/api/payments/users/{userId}/auto-top-up").ownAccountOr(ADMIN)
                .put("/api/payments/users/{userId}/auto-top-up").ownAccountOr(ADMIN)
                .post("/api/payments/users/{userId}/auto-top-up/card").ownAccountOr()
                // Subscriptions: offers to anyone signed in; checkout for an own account (or any, for an admin: the
                // controller checks the body's userId); a subscription read by its owner and staff, cancelled by its
                // owner or an admin.
                .get("/api/payments/subscription-offers").authenticated()
                .post("/api/payments/subscriptions/checkout").authenticated()
                .get("/api/payments/users/{userId}/subscription").ownAccountOr(ADMIN, FINANCE)
                .delete("/api/payments/users/{userId}/subscription").ownAccountOr(ADMIN)
                // Money decisions and reports: admin and finance.
                .post("/api/payments/manual-purchases").roles(ADMIN, FINANCE)
                .post("/api/payments/purchases/{purchaseId}/refunds").roles(ADMIN, FINANCE)
                .get("/api/payments/purchases").roles(ADMIN, FINANCE)
                .get("/api/payments/refunds").roles(ADMIN, FINANCE)
                .get("/api/payments/disputes").roles(ADMIN, FINANCE)
                .apiDocsForSignedIn()
                .build();
    }
}
