package io.creditgate.console;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The console: sign-in, Creditgate's own access tokens, people and roles, and the relay of /api/** to the services. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }

    /** One clock for every expiry (links, lockouts, tokens), so tests and code agree on "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
