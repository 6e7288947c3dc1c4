package io.creditgate.console.relay;

import java.net.http.HttpClient;

import io.creditgate.console.ConsoleProperties;
import org.springframework.stereotype.Component;

/** The one HTTP client the console calls the services with: HTTP/1.1, the relay's timeout, redirects handed back. */
@Component
class RelayHttpClient {

    private final HttpClient http;

    RelayHttpClient(ConsoleProperties properties) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.relay().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpClient http() {
        return http;
    }
}
