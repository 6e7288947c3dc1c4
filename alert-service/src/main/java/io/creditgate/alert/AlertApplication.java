package io.creditgate.alert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The alert service (port 8082): detects threshold crossings, spend windows and unusual spend with Kafka Streams,
 * and delivers alerts by email, signed webhooks and in-app notifications.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlertApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlertApplication.class, args);
    }
}
