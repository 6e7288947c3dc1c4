package io.creditgate.alert.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends plain-text UTF-8 emails through the SMTP server Spring Mail is configured with ({@code spring.mail.*}). */
@Component
class EmailChannel {

    private final ObjectProvider<JavaMailSender> mail;
    private final DeliveryProperties properties;

    EmailChannel(ObjectProvider<JavaMailSender> mail, DeliveryProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    /** @param to one address or several, comma-separated */
    SendResult send(String to, String subject, String body) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return SendResult.refused("no SMTP server configured (spring.mail.host)");
        }
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(InternetAddress.parse(to, true));
            helper.setSubject(subject);
            helper.setText(body);
        } catch (MessagingException e) {
            return SendResult.refused("not a sendable message: " + e.getMessage());
        }
        try {
            sender.send(message);
            return SendResult.accepted("accepted by the SMTP server");
        } catch (MailParseException | MailPreparationException | MailAuthenticationException e) {
            return SendResult.refused(e.getMessage());
        } catch (MailException e) {
            // Connection refused, timeouts, 4xx: the server did not take the message; try again later.
            return SendResult.retry(e.getMessage());
        }
    }
}
