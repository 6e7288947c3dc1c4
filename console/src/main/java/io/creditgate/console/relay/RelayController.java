package io.creditgate.console.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backend-for-frontend relay: {@code /api/**} paths owned by a service (ServiceRoutes) are sent there with the
 * caller's access token as {@code Authorization: Bearer}. The browser's cookies and its own Authorization header
 * never leave the console; only the headers an API needs go through. Each relayed call is timed by service and
 * status class ({@link RelayMetrics}).
 */
@RestController
class RelayController {

    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Accept-Language", "Idempotency-Key");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "location", "retry-after", "etag");

    private final ServiceRoutes routes;
    private final RelayTokens tokens;
    private final ConsoleProperties.Relay settings;
    private final HttpClient http;
    private final RelayMetrics metrics;

    RelayController(ServiceRoutes routes, RelayTokens tokens, ConsoleProperties properties, RelayHttpClient client,
                    RelayMetrics metrics) {
        this.routes = routes;
        this.tokens = tokens;
        this.settings = properties.relay();
        this.http = client.http();
        this.metrics = metrics;
    }

    @RequestMapping("/api/**")
    ResponseEntity<byte[]> relay(HttpServletRequest request, Authentication authentication) throws IOException, InterruptedException {
        String service = routes.serviceNameFor(request.getServletPath())
                .orElseThrow(() -> ApiException.notFound("No endpoint at " + request.getServletPath() + "."));
        String bearer = tokens.forRequest(authentication, request);
        if (bearer == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in first.");
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(target(routes.urlOf(service), request)).timeout(settings.timeout())
                .method(request.getMethod(), body(request)).header("Authorization", "Bearer " + bearer);
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                out.header(name, value);
            }
        }
        return send(service, out.build());
    }

    /** Sends the call and times it; no answer in time is 504, a service not reachable 502. */
    private ResponseEntity<byte[]> send(String service, HttpRequest call) throws IOException, InterruptedException {
        long startedNanos = System.nanoTime();
        String status = RelayMetrics.FAILED;
        try {
            HttpResponse<byte[]> response = http.send(call, HttpResponse.BodyHandlers.ofByteArray());
            status = RelayMetrics.statusClass(response.statusCode());
            return answer(response);
        } catch (HttpTimeoutException e) {
            status = RelayMetrics.TIMEOUT;
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "service_timeout", "The service did not answer in time.");
        } catch (ConnectException e) {
            status = RelayMetrics.UNREACHABLE;
            throw new ApiException(HttpStatus.BAD_GATEWAY, "service_unavailable", "The service is not reachable.");
        } finally {
            metrics.relayed(service, status, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    private static URI target(URI service, HttpServletRequest request) {
        String base = service.toString().replaceAll("/+$", "");
        String query = request.getQueryString();
        return URI.create(base + request.getRequestURI().substring(request.getContextPath().length())
                + (query == null ? "" : "?" + query));
    }

    private HttpRequest.BodyPublisher body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(settings.maxBodyBytes() + 1);
            if (bytes.length > settings.maxBodyBytes()) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                        "The request body is above " + settings.maxBodyBytes() + " bytes.");
            }
            return bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
        }
    }

    private static ResponseEntity<byte[]> answer(HttpResponse<byte[]> response) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.statusCode());
        HttpHeaders headers = response.headers();
        headers.map().forEach((name, values) -> {
            if (RESPONSE_HEADERS.contains(name.toLowerCase())) {
                answer.header(name, values.toArray(String[]::new));
            }
        });
        return answer.body(response.body());
    }
}
