package io.creditgate.payment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The payment service. So far it only reports its health; issue 6 gives it its work. It is already an OAuth2
 * resource server (service-web): health is public, the other actuator endpoints are admin's, and every route the
 * payment issue adds is denied until it declares an {@code AccessRules} bean that names it.
 */
@SpringBootApplication
public class PaymentApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentApplication.class, args);
    }
}
