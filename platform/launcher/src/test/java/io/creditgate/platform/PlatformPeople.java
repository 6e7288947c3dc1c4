package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.creditgate.console.Browser;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** People on the test platform, as they meet it: the first admin signs in, invites people by email, they sign in. */
final class PlatformPeople {

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    private static final Pattern LINK = Pattern.compile("(http://\\S+/set-password#token=[A-Za-z0-9_-]+)");

    private PlatformPeople() {
    }

    /**
     * Signs in with the page's form, then opens / as a browser would after the redirect (on its way to the dashboard): it hands out
     * the XSRF-TOKEN cookie that JSON calls echo.
     */
    static void signIn(Browser browser, String email, String password) {
        browser.signIn(email, password);
        browser.get("/");
    }

    /** The first admin, signed in with the credentials the banner prints. */
    static Browser signedInAdmin(Platform platform) {
        Browser admin = new Browser(platform.consoleUrl());
        signIn(admin, TestPlatform.ADMIN_EMAIL, TestPlatform.ADMIN_PASSWORD);
        admin.get("/api/me").expectStatus(200);
        return admin;
    }

    /**
     * Invites a person, follows the mailed link, sets the password and signs in.
     *
     * @param secrets told the invitation token (tests look for secrets in the logs afterwards)
     */
    static Browser invite(Platform platform, Browser admin, String email, String roles, String password, Consumer<String> secrets)
            throws Exception {
        admin.postJson("/api/people", "{\"email\":\"" + email + "\",\"name\":\"Pessoa\",\"roles\":" + roles + "}").expectStatus(201);
        String link = linkMailedTo(platform, email, "You are invited to Creditgate");
        secrets.accept(link.substring(link.indexOf("#token=") + "#token=".length()));
        Browser person = new Browser(platform.consoleUrl());
        Browser.Response set = person.setPassword(link, password);
        assertThat(set.status()).as(set.body()).isIn(302, 303);
        signIn(person, email, password);
        person.get("/api/me").expectStatus(200);
        return person;
    }

    /** The set-password link of the newest mail with this subject in the platform's mail catcher. */
    static String linkMailedTo(Platform platform, String email, String subject) throws Exception {
        String[] link = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MimeMessage mail = newestMailTo(platform, email);
            assertThat(mail.getSubject()).isEqualTo(subject);
            Matcher matcher = LINK.matcher(mail.getContent().toString());
            assertThat(matcher.find()).as("a link in the mail").isTrue();
            link[0] = matcher.group(1);
        });
        assertThat(link[0]).startsWith(platform.consoleUrl() + "/set-password#token=");
        return link[0];
    }

    /** A LibreChat call through the gateway, naming the user as the banner's librechat.yaml does. */
    static java.net.http.HttpResponse<String> chat(Platform platform, String user) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.gatewayUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestPlatform.SERVICE_KEY).header("X-User-Id", user)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Olá!\"}]}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Every mail to the address in the platform's mail catcher, oldest first. */
    static List<MimeMessage> mailsTo(Platform platform, String email) throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.list(platform.mailbox())) {
            files = all.filter(file -> file.getFileName().toString().endsWith("-" + email + ".eml")).sorted().toList();
        }
        List<MimeMessage> mails = new java.util.ArrayList<>();
        for (Path file : files) {
            mails.add(read(file));
        }
        return mails;
    }

    private static MimeMessage newestMailTo(Platform platform, String email) throws Exception {
        List<MimeMessage> mails = mailsTo(platform, email);
        assertThat(mails).isNotEmpty();
        return mails.get(mails.size() - 1);
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
