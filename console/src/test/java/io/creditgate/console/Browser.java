package io.creditgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser as far as the console can tell: keeps cookies, reads the CSRF token from the page (forms) or the
 * XSRF-TOKEN cookie (JSON calls), follows no redirect by itself so tests see each one.
 */
public class Browser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public Browser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Response get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** Follows redirects (across hosts, as a browser does) and returns the last answer. */
    public Response follow(String pathOrUrl) {
        Response response = get(pathOrUrl);
        String current = uri(pathOrUrl).toString();
        for (int hop = 0; hop < 10 && response.status() / 100 == 3; hop++) {
            current = URI.create(current).resolve(response.header("Location")).toString();
            response = get(current);
            if (System.getenv("BROWSER_TRACE") != null) {
                System.err.println("TRACE " + current + " -> " + response.status());
            }
        }
        return response;
    }

    /** GETs the page at {@code pagePath} and posts its form with the page's CSRF token. */
    public Response submit(String pagePath, String action, Map<String, String> fields) {
        Response page = get(pagePath);
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).as("CSRF field on " + pagePath).isTrue();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf.group(1).replace("&#45;", "-"));
        return postForm(action, all);
    }

    public Response postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public Response postJson(String path, String json) {
        return sendJson("POST", path, json);
    }

    public Response sendJson(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        xsrfToken().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        return send(request);
    }

    public Response signIn(String email, String password) {
        Response response = submit("/login", "/login", Map.of("email", email, "password", password));
        if ("/".equals(response.location())) {
            get("/"); // as a browser would: the way to the dashboard also hands out the XSRF-TOKEN cookie for JSON calls
        }
        return response;
    }

    /** Opens the mailed link (the token is in its fragment, as a browser keeps it) and posts the form as its script would. */
    public Response setPassword(String link, String password) {
        Response form = get(link.substring(0, link.indexOf('#')));
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        String token = link.substring(link.indexOf("#token=") + "#token=".length());
        Matcher csrf = CSRF_FIELD.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        return postForm("/set-password", Map.of("token", token, "password", password, "confirmation", password,
                "_csrf", csrf.group(1)));
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                .findFirst();
    }

    private Optional<String> xsrfToken() {
        return cookie("XSRF-TOKEN");
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public String location() {
            String location = header("Location");
            if (location == null) {
                return null;
            }
            return location.replaceFirst("^http://127\\.0\\.0\\.1:\\d+", "");
        }

        public Response expectStatus(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return this;
        }

        public Response expectRedirectTo(String path) {
            assertThat(status).as(body).isIn(302, 303);
            assertThat(location()).isEqualTo(path);
            return this;
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** Asserts the JSON error shape and returns its code. */
        public String errorCode() {
            JsonNode error = json().get("error");
            assertThat(error).as("error object in " + body).isNotNull();
            assertThat(error.get("message").asString()).isNotBlank();
            return error.get("code").asString();
        }
    }
}
