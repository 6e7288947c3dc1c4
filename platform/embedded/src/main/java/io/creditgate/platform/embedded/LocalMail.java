package io.creditgate.platform.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in this JVM (GreenMail) that accepts every message for every address, so that the
 * platform's alert emails have somewhere to go without a mail account. Each message it receives is also
 * written to the mailbox directory as an {@code .eml} file (open it with any mail client, or read it
 * as text), which is where a newcomer watches the alerts arrive.
 */
public final class LocalMail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMail.class);
    /** How often the mailbox directory catches up with the server. */
    private static final long POLL_MILLIS = 250;

    private final GreenMail server;
    private final Path mailbox;
    private final AtomicInteger written = new AtomicInteger();
    private final Thread writer;
    private volatile boolean running = true;

    private LocalMail(GreenMail server, Path mailbox) {
        this.server = server;
        this.mailbox = mailbox;
        this.writer = new Thread(this::writeArrivals, "local-mail-writer");
        this.writer.setDaemon(true);
    }

    /** Starts SMTP on a free port of 127.0.0.1; received messages go to {@code mailbox} as {@code .eml} files. */
    public static LocalMail start(Path mailbox) {
        try {
            Files.createDirectories(mailbox);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the mailbox directory " + mailbox, e);
        }
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        LocalMail mail = new LocalMail(server, mailbox);
        mail.writer.start();
        log.info("SMTP server (GreenMail) at 127.0.0.1:{}, messages written to {}", mail.smtpPort(), mailbox);
        return mail;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return server.getSmtp().getPort();
    }

    /** Where each received message is written as {@code <n>-<recipient>.eml}. */
    public Path mailbox() {
        return mailbox;
    }

    /** The messages received so far. */
    public int received() {
        return server.getReceivedMessages().length;
    }

    private void writeArrivals() {
        while (running) {
            try {
                MimeMessage[] messages = server.getReceivedMessages();
                for (int i = written.get(); i < messages.length; i++) {
                    write(i + 1, messages[i]);
                    written.set(i + 1);
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | MessagingException | RuntimeException e) {
                log.warn("Could not write a received message to {}: {}", mailbox, e.toString());
            }
        }
    }

    private void write(int number, MimeMessage message) throws IOException, MessagingException {
        Address[] to = message.getAllRecipients();
        String recipient = to == null || to.length == 0 ? "unknown" : to[0].toString().replaceAll("[^A-Za-z0-9@._-]", "_");
        Path file = mailbox.resolve("%04d-%s.eml".formatted(number, recipient));
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        server.stop();
    }
}
