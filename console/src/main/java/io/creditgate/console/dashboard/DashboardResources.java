package io.creditgate.console.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the dashboard's built files ({@code /dashboard/**} on the classpath, from the {@code dashboard} module) at
 * {@code /app/}, at the same origin as the APIs it calls: no CORS, the session cookie and the CSRF cookie just work.
 * Vite names every asset by its content hash, so assets are cached for a year; {@code index.html} is revalidated on
 * every visit so a new release is picked up at once. A path with no file behind it is one of the app's own routes
 * ({@code /app/statement}): it gets {@code index.html} and the app's router draws the page.
 */
@Configuration(proxyBeanMethods = false)
class DashboardResources implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/dashboard/";
    static final Resource INDEX = new ClassPathResource("dashboard/index.html");
    private static final Pattern BUILT_FILE =
            Pattern.compile(".*\\.(js|mjs|css|map|html|json|txt|ico|png|svg|jpg|webp|woff2?|ttf|webmanifest)$");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/app/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new AppRoutes());
    }

    /** A file when there is one; otherwise the app's page, for the router (never for a missing asset). */
    private static final class AppRoutes extends PathResourceResolver {
        @Override
        protected Resource getResource(String path, Resource location) throws IOException {
            Resource file = location.createRelative(path);
            if (file.exists() && file.isReadable()) {
                return file;
            }
            // Route segments may hold dots (user ids are often emails: /app/admin/users/ana@example.com), so a file is
            // recognised by the kinds of files a build makes, not by a dot.
            return path.startsWith("assets/") || BUILT_FILE.matcher(path).matches() ? null : INDEX;
        }
    }
}
