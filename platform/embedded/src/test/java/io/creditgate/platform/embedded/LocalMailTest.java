package io.creditgate.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class LocalMailTest {

    @TempDir
    Path mailbox;

    @Test
    void acceptsMailForAnyAddressAndWritesEachMessageToTheMailbox() throws Exception {
        try (LocalMail mail = LocalMail.start(mailbox)) {
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", mail.host());
            smtp.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress("alerts@creditgate.local"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
            message.setSubject("80 % of your credits are used");
            message.setText("You have used 80 % of this cycle's credits.");
            Transport.send(message);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> files().size() == 1);
            Path written = files().get(0);
            assertThat(written.getFileName().toString()).isEqualTo("0001-alice@example.com.eml");
            assertThat(Files.readString(written)).contains("Subject: 80 % of your credits are used")
                    .contains("You have used 80 % of this cycle's credits.");
            assertThat(mail.received()).isEqualTo(1);
        }
    }

    private java.util.List<Path> files() throws Exception {
        try (Stream<Path> list = Files.list(mailbox)) {
            return list.toList();
        }
    }
}
