package io.creditgate.web.example;

import java.util.Map;

import io.creditgate.schemas.identity.Role;
import io.creditgate.web.ApiException;
import io.creditgate.web.security.AccessRules;
import io.creditgate.web.security.Caller;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service as small as can be, to test service-web's plumbing without a ledger around it. */
@SpringBootApplication
public class ExampleApplication {

    /** Rules for every route but {@code /api/forgotten}, which the route walk must report. */
    @Bean
    AccessRules accessRules() {
        return AccessRules.builder()
                .get("/api/things/{userId}").ownAccountOr(Role.ADMIN, Role.FINANCE)
                .get("/api/things").ownAccountOr(Role.ADMIN)
                .post("/api/admin/things").roles(Role.ADMIN)
                .get("/api/public").publicly()
                .get("/api/me").authenticated()
                .build();
    }

    @RestController
    static class Things {

        @GetMapping("/api/things/{userId}")
        Map<String, Object> thing(@PathVariable String userId, Caller caller) {
            return Map.of("userId", userId, "actor", caller.actor());
        }

        @GetMapping("/api/things")
        Map<String, Object> things(@RequestParam String userId) {
            return Map.of("userId", userId);
        }

        @PostMapping("/api/admin/things")
        Map<String, Object> create(Caller caller) {
            return Map.of("actor", caller.actor());
        }

        @GetMapping("/api/public")
        Map<String, Object> open() {
            return Map.of("open", true);
        }

        @GetMapping("/api/me")
        Caller me(Caller caller) {
            return caller;
        }

        @GetMapping("/api/forgotten")
        Map<String, Object> forgotten() {
            return Map.of("open", true);
        }

        @GetMapping("/api/fails")
        Map<String, Object> fails() {
            throw ApiException.badRequest("never reached: no rule");
        }
    }
}
