package io.creditgate.console.dashboard;

import io.creditgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;

/**
 * The dashboard's front door: {@code /} (where sign-in lands) and {@code /app} send the browser to {@code /app/}, whose
 * page is the app's {@code index.html}; the old {@code /buy} sends it to the dashboard's buy page. A console built without the dashboard says so instead of a blank 404.
 */
@RestController
class DashboardController {

    @GetMapping({"/", "/app"})
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/app/").build();
    }

    /**
     * The buy page moved into the dashboard (decision 60); 402 answers, alert emails already sent and Stripe's return
     * URLs of sessions opened before the move still name /buy, with their query (?checkout=success&session_id=...).
     */
    @GetMapping("/buy")
    ResponseEntity<Void> buy(HttpServletRequest request) {
        String query = request.getQueryString();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/app/buy" + (query == null ? "" : "?" + query))
                .build();
    }

    @GetMapping("/app/")
    ResponseEntity<byte[]> app() throws IOException {
        if (!DashboardResources.INDEX.exists()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "dashboard_missing",
                    "This console was built without the dashboard: build it with ./mvnw package (Node and npm needed).");
        }
        try (InputStream in = DashboardResources.INDEX.getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(in.readAllBytes());
        }
    }
}
