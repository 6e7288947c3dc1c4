import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalMail;

/**
 * The world outside Creditgate, as its own process of the fault suite: the demo upstream (OpenAI's wire format,
 * streaming with a delay between events so a killed gateway cuts streams mid-way) and the demo SMTP server the
 * alert services send to. Never a fault target: the suite breaks only what Creditgate runs.
 *
 * <p>{@code java -cp <platform-embedded classpath> OutsideWorld.java <upstream port> <event delay ms> <work dir>};
 * writes {@code <work dir>/smtp.port} once both listen.
 */
public final class OutsideWorld {

    public static void main(String[] args) throws Exception {
        int upstreamPort = Integer.parseInt(args[0]);
        Duration eventDelay = Duration.ofMillis(Long.parseLong(args[1]));
        Path work = Path.of(args[2]);
        DemoUpstream upstream = DemoUpstream.start(DemoUpstream.Options.defaults()
                .withPort(upstreamPort).withEventDelay(eventDelay));
        LocalMail mail = LocalMail.start(work.resolve("mailbox"));
        // Written last: the script waits for this file before it starts the alert services.
        Files.writeString(work.resolve("smtp.port"), Integer.toString(mail.smtpPort()));
        System.out.println("upstream " + upstream.baseUrl() + " smtp 127.0.0.1:" + mail.smtpPort());
        new CountDownLatch(1).await();
    }
}
