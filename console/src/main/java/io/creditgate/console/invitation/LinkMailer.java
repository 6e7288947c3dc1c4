package io.creditgate.console.invitation;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.person.Person;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Mails the one-time links. The link holds the secret, so it is in the mail and nowhere else (not in a log). */
@Component
class LinkMailer {

    private final JavaMailSender mail;
    private final ConsoleProperties properties;

    LinkMailer(JavaMailSender mail, ConsoleProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    void sendInvitation(Person person, String token) {
        send(person.email(), "You are invited to Creditgate", """
                Hello %s,

                You can now sign in to Creditgate with the email %s.
                Choose your password here (the link works once, for %d hours):

                %s
                """.formatted(person.name(), person.email(), properties.links().invitationTtl().toHours(), link(token)));
    }

    void sendReset(Person person, String token) {
        send(person.email(), "Reset your Creditgate password", """
                Hello %s,

                Someone (we hope you) asked to reset the Creditgate password of %s.
                Choose a new password here (the link works once, for %d minutes):

                %s

                If it was not you, ignore this mail: your password stays as it is.
                """.formatted(person.name(), person.email(), properties.links().resetTtl().toMinutes(), link(token)));
    }

    /**
     * The token rides in the URL's fragment, which a browser never sends: it stays out of the console's request logs,
     * a proxy's access log and any Referer. The page's script moves it into the form that posts it.
     */
    private String link(String token) {
        return UriComponentsBuilder.fromUri(properties.publicUrl()).path("/set-password").fragment("token=" + token).build()
                .toUriString();
    }

    private void send(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        mail.send(message);
    }
}
