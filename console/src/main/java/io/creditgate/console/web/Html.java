package io.creditgate.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/** The console's few server-rendered pages: one layout, every value escaped, every form with its CSRF token. */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        // With the page's encoding named, only markup characters are escaped: "Não" stays readable in the source.
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /** The hidden CSRF field of a form posted by this page. */
    public static String csrfField(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? "" : "<input type=\"hidden\" name=\"" + escape(token.getParameterName()) + "\" value=\""
                + escape(token.getToken()) + "\">";
    }

    /** A page in the language of {@code text}; {@code body} must already be escaped. */
    public static ResponseEntity<String> page(int status, PageText.Texts text, String title, String body) {
        String html = """
                <!DOCTYPE html>
                <html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Creditgate</title>
                <style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
                label{display:block;margin:.8rem 0 .2rem}input{width:100%%;padding:.5rem;box-sizing:border-box}
                button,.button{margin-top:1rem;padding:.6rem 1rem;display:inline-block}.message{padding:.6rem;background:#fff3cd}</style>
                </head><body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(escape(text.lang()), escape(title), escape(title), body);
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(html);
    }

    public static String message(String text) {
        return text == null ? "" : "<p class=\"message\" role=\"status\">" + escape(text) + "</p>";
    }
}
