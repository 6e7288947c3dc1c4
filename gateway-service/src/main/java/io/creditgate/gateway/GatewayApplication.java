package io.creditgate.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The OpenAI-compatible edge: identifies the user, admits or refuses, forwards, meters and publishes usage. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        // Avro 1.12.2 refuses to build our generated event classes unless their package is trusted;
        // set it here so that a plain `java -jar gateway-service.jar` works without JVM flags.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.creditgate.schemas"));
        SpringApplication.run(GatewayApplication.class, args);
    }
}
