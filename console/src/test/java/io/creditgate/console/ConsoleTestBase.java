package io.creditgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.creditgate.platform.embedded.LocalPostgres;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of the suite: the console on real PostgreSQL (platform-embedded), a real SMTP server
 * (GreenMail), a real OIDC provider (mock-oauth2-server) as the organisation's IdP, and a stand-in downstream service
 * that checks relayed tokens against the console's JWKS. Tests isolate themselves with fresh emails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class ConsoleTestBase {

    protected static final String ADMIN_EMAIL = "admin@creditgate.test";
    protected static final String ADMIN_PASSWORD = "admin-password-" + UUID.randomUUID();
    protected static final String IDP_CLIENT_ID = "creditgate-console-test";
    protected static final String IDP_CLIENT_SECRET = "idp-secret-" + UUID.randomUUID();
    protected static final String IDP_ISSUER_ID = "org";

    private static final String DATABASE_URL = LocalPostgres.shared().createDatabase();
    protected static final int PORT = freePort();
    protected static final String BASE = "http://127.0.0.1:" + PORT;
    protected static final GreenMail SMTP = startSmtp();
    protected static final MockOAuth2Server IDP = startIdp();
    protected static final Downstream DOWNSTREAM = Downstream.start(BASE);

    @Autowired
    protected JdbcTemplate jdbc;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
        return mail;
    }

    private static MockOAuth2Server startIdp() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "idp-stop"));
        return server;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> LocalPostgres.shared().username());
        registry.add("spring.datasource.password", () -> LocalPostgres.shared().password());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("creditgate.console.public-url", () -> BASE);
        registry.add("creditgate.console.admin.email", () -> ADMIN_EMAIL);
        registry.add("creditgate.console.admin.password", () -> ADMIN_PASSWORD);
        registry.add("creditgate.console.services.ledger", DOWNSTREAM::url);
        registry.add("creditgate.console.services.alert", DOWNSTREAM::url);
        registry.add("creditgate.console.oidc.issuer-uri", () -> IDP.issuerUrl(IDP_ISSUER_ID).toString());
        registry.add("creditgate.console.oidc.client-id", () -> IDP_CLIENT_ID);
        registry.add("creditgate.console.oidc.client-secret", () -> IDP_CLIENT_SECRET);
        registry.add("creditgate.console.oidc.name", () -> "Acme SSO");
        // Every test signs in from 127.0.0.1; the per-email bound stays as in production.
        registry.add("creditgate.console.login.per-ip-per-minute", () -> 100_000);
        registry.add("creditgate.console.oidc.role-mapping", () -> "creditgate-admins=admin,accounting=finance");
    }

    protected static String newEmail() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static Browser admin;

    /**
     * A browser signed in as the bootstrap admin, shared by the suite: signing in for every test would hit the
     * per-email sign-in throttle, which the suite keeps at its production value.
     */
    protected static synchronized Browser admin() {
        if (admin == null || admin.get("/api/me").status() != 200) {
            Browser browser = new Browser(BASE);
            browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD).expectRedirectTo("/");
            admin = browser;
        }
        return admin;
    }

    /** Creates a person through the admin API, follows the invitation mail and sets their password. */
    protected static Browser invitedPerson(String email, String password, String... roles) {
        Browser admin = admin();
        String rolesJson = Arrays.stream(roles).map(r -> "\"" + r + "\"").reduce((a, b) -> a + "," + b).orElse("");
        admin.postJson("/api/people", "{\"email\":\"" + email + "\",\"name\":\"Test Person\",\"roles\":[" + rolesJson + "]}")
                .expectStatus(201);
        String link = linkIn(awaitMailTo(email, "invited"));
        Browser browser = new Browser(BASE);
        browser.setPassword(link, password).expectRedirectTo("/login?password-set");
        browser.signIn(email, password).expectRedirectTo("/");
        return browser;
    }

    // --- mail ---

    protected static MimeMessage awaitMailTo(String address, String subjectContains) {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !mailsTo(address, subjectContains).isEmpty());
        List<MimeMessage> mails = mailsTo(address, subjectContains);
        return mails.get(mails.size() - 1);
    }

    protected static List<MimeMessage> mailsTo(String address, String subjectContains) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return message.getSubject().contains(subjectContains) && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    protected static String linkIn(MimeMessage mail) {
        try {
            Matcher link = Pattern.compile("(http://\\S+/set-password#token=[A-Za-z0-9_-]+)").matcher(mail.getContent().toString());
            assertThat(link.find()).as("a set-password link in the mail").isTrue();
            return link.group(1);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected List<Map<String, Object>> auditOf(String action, String subject) {
        return jdbc.queryForList("SELECT * FROM access_audit WHERE action = ? AND (CAST(? AS text) IS NULL OR subject = ?) ORDER BY id",
                action, subject, subject);
    }
}
