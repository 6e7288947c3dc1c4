package io.creditgate.console;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the console ({@code creditgate.console.*}); every one has a default in application.yml and an
 * environment variable named there.
 *
 * @param publicUrl     the URL browsers and services reach the console at; the tokens' issuer, the links in mails
 * @param accessTokenTtl lifetime of every access token the console issues or relays
 * @param mailFrom      sender of invitation and reset mails
 * @param admin         the first admin, created at start when absent
 * @param services      base URLs of the services /api/** is relayed to
 * @param login         lockout and throttle of the built-in sign-in
 * @param links         lifetimes of the one-time links
 * @param relay         limits of the relay
 */
@ConfigurationProperties("creditgate.console")
public record ConsoleProperties(URI publicUrl, @DefaultValue("5m") Duration accessTokenTtl, String mailFrom,
                                @DefaultValue Admin admin, @DefaultValue Services services, @DefaultValue Login login,
                                @DefaultValue Links links, @DefaultValue Relay relay) {

    /** The issuer string: the public URL without a trailing slash. */
    public String issuer() {
        String url = publicUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** @param email blank = no bootstrap admin; @param password blank = generated and printed once */
    public record Admin(String email, String password) {
    }

    public record Services(@DefaultValue("http://localhost:8080") URI gateway, @DefaultValue("http://localhost:8081") URI ledger,
                           @DefaultValue("http://localhost:8082") URI alert, @DefaultValue("http://localhost:8083") URI payment) {
    }

    /**
     * @param maxFailures        failed sign-ins in a row that lock a person
     * @param lockDuration       how long the lock lasts
     * @param perEmailPerMinute  sign-in POSTs one email may make per minute (whether it exists or not)
     * @param perIpPerMinute     sign-in POSTs one client address may make per minute
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockDuration,
                        @DefaultValue("10") int perEmailPerMinute, @DefaultValue("30") int perIpPerMinute) {
    }

    public record Links(@DefaultValue("72h") Duration invitationTtl, @DefaultValue("30m") Duration resetTtl) {
    }

    /** @param timeout per relayed call; @param maxBodyBytes request bodies above it are refused (413) */
    public record Relay(@DefaultValue("30s") Duration timeout, @DefaultValue("1048576") int maxBodyBytes) {
    }
}
