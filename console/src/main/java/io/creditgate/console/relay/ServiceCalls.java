package io.creditgate.console.relay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.creditgate.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The console's own pages calling a service's API as the signed-in person: the same routes and the same relayed token
 * as a browser call to {@code /api/**}, for pages rendered on the server (the buy page).
 */
@Component
public class ServiceCalls {

    /** A service's answer; {@code status} 0 when the service could not be reached or did not answer in time. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final ServiceRoutes routes;
    private final RelayTokens tokens;
    private final ConsoleProperties.Relay settings;
    private final HttpClient http;

    ServiceCalls(ServiceRoutes routes, RelayTokens tokens, ConsoleProperties properties, RelayHttpClient client) {
        this.routes = routes;
        this.tokens = tokens;
        this.settings = properties.relay();
        this.http = client.http();
    }

    /**
     * Calls {@code path} (an {@code /api/**} path with its query) of the service that owns it, as the person.
     *
     * @param json the request body, or null for none
     * @param headers extra request headers (e.g. {@code Idempotency-Key})
     */
    public Answer call(Authentication authentication, HttpServletRequest request, String method, String path, String json,
            Map<String, String> headers) {
        URI service = routes.serviceFor(path.replaceAll("\\?.*", ""))
                .orElseThrow(() -> new IllegalArgumentException("no service owns " + path));
        String bearer = tokens.forRequest(authentication, request);
        if (bearer == null) {
            return new Answer(401, "");
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(service.toString().replaceAll("/+$", "") + path))
                .timeout(settings.timeout()).header("Authorization", "Bearer " + bearer).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            out.header("Content-Type", "application/json");
        }
        headers.forEach(out::header);
        try {
            HttpResponse<String> response = http.send(out.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException unreachable) {
            return new Answer(0, "");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Answer(0, "");
        }
    }
}
