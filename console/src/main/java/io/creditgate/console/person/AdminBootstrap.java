package io.creditgate.console.person;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.audit.AccessAudit;
import io.creditgate.schemas.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code CREDITGATE_ADMIN_EMAIL} when no person has that email (idempotent: a restart,
 * or a second instance, finds it and does nothing). A generated password goes to standard output once, never
 * through a logger: log files are kept and shipped, the operator's terminal is not.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final int GENERATED_PASSWORD_BYTES = 18;

    private final ConsoleProperties properties;
    private final People people;
    private final PasswordEncoder passwords;
    private final AccessAudit audit;
    private final Clock clock;
    private final PrintStream out;

    @Autowired
    AdminBootstrap(ConsoleProperties properties, People people, PasswordEncoder passwords, AccessAudit audit, Clock clock) {
        this(properties, people, passwords, audit, clock, System.out);
    }

    AdminBootstrap(ConsoleProperties properties, People people, PasswordEncoder passwords, AccessAudit audit, Clock clock,
                   PrintStream out) {
        this.properties = properties;
        this.people = people;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = properties.admin().email();
        if (email == null || email.isBlank()) {
            log.info("No CREDITGATE_ADMIN_EMAIL: no first admin is created");
            return;
        }
        String checked = PeopleService.checkEmail(email);
        if (people.byEmail(checked).isPresent()) {
            return;
        }
        String given = properties.admin().password();
        boolean generate = given == null || given.isBlank();
        String password = generate ? generatePassword() : given;
        Person admin = new Person(People.newId(), checked, checked, passwords.encode(password), EnumSet.of(Role.USER, Role.ADMIN),
                EnumSet.noneOf(Role.class), PeopleService.checkAccounts(List.of(checked)), Person.Status.ACTIVE, null, null, 0,
                null, clock.instant());
        if (people.insert(admin)) {
            audit.record("bootstrap", "person_created", admin.id(), Map.of("email", checked, "roles", List.of("admin", "user"),
                    "password", generate ? "generated" : "from CREDITGATE_ADMIN_PASSWORD"), null);
            if (generate) {
                out.println("Creditgate console: first admin " + checked + " created with password " + password
                        + " (shown only now; change it with 'Forgot password' on the sign-in page)");
            }
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
