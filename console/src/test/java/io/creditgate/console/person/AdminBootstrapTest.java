package io.creditgate.console.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.ConsoleTestBase;
import io.creditgate.console.audit.AccessAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;

class AdminBootstrapTest extends ConsoleTestBase {

    @Autowired
    ConsoleProperties properties;
    @Autowired
    People people;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    AccessAudit audit;

    @Test
    void aGeneratedPasswordIsPrintedOnceAndTheAdminIsCreatedOnce() {
        String email = newEmail();
        ConsoleProperties withAdmin = new ConsoleProperties(properties.publicUrl(), properties.accessTokenTtl(), properties.mailFrom(),
                new ConsoleProperties.Admin(email, ""), properties.services(), properties.login(), properties.links(), properties.relay());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdminBootstrap bootstrap = new AdminBootstrap(withAdmin, people, passwords, audit, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        bootstrap.run(new DefaultApplicationArguments());
        bootstrap.run(new DefaultApplicationArguments());

        String printed = out.toString(StandardCharsets.UTF_8);
        Matcher password = Pattern.compile("created with password (\\S+) ").matcher(printed);
        assertThat(password.find()).as(printed).isTrue();
        String generated = password.group(1);
        assertThat(password.find()).as("printed once").isFalse();
        Person admin = people.byEmail(email).orElseThrow();
        assertThat(admin.effectiveRoles()).extracting(r -> r.claimValue()).containsExactlyInAnyOrder("admin", "user");
        assertThat(admin.accounts()).containsExactly(email);
        assertThat(admin.passwordHash()).startsWith("{bcrypt}");
        new Browser(BASE).signIn(email, generated).expectRedirectTo("/");
    }

    @Test
    void theConfiguredAdminExistsAfterStartWithTheGivenPassword() {
        Person admin = people.byEmail(ADMIN_EMAIL).orElseThrow();
        assertThat(passwords.matches(ADMIN_PASSWORD, admin.passwordHash())).isTrue();
        assertThat(auditOf("person_created", admin.id())).hasSize(1);
    }
}
