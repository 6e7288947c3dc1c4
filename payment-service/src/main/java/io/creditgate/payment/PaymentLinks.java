package io.creditgate.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Where people are sent: the dashboard's buy page ({@code creditgate.payment.dashboard-url}, env
 * {@code CREDITGATE_DASHBOARD_URL}), where Checkout returns and what notices link to.
 */
@ConfigurationProperties("creditgate.payment")
public record PaymentLinks(String dashboardUrl) {

    public PaymentLinks {
        dashboardUrl = dashboardUrl == null || dashboardUrl.isBlank() ? "http://localhost:8084"
                : dashboardUrl.endsWith("/") ? dashboardUrl.substring(0, dashboardUrl.length() - 1) : dashboardUrl;
    }

    /** The dashboard's buy page. */
    public String buyPage() {
        return dashboardUrl + "/app/buy";
    }

    /** Where Checkout returns after payment; Stripe fills in the session id. */
    public String checkoutSuccess() {
        return buyPage() + "?checkout=success&session_id={CHECKOUT_SESSION_ID}";
    }

    /** Where Checkout returns when the buyer cancels. */
    public String checkoutCancelled() {
        return buyPage() + "?checkout=cancelled";
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PaymentLinks.class)
    static class Enable {
    }
}
