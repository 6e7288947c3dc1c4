package io.creditgate.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard generates its TypeScript API types from {@code dashboard/openapi/<service>.json} (decision 57). Each
 * service's test compares its live OpenAPI document with that committed copy: when the API changed, the copy is
 * rewritten and the test fails, so the change is committed together with the dashboard code it breaks (the
 * dashboard's type check runs on the new copy in the same build).
 */
public final class OpenApiSnapshot {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private OpenApiSnapshot() {
    }

    /** Fails (after rewriting the committed copy) when {@code document} differs from it. */
    @SuppressWarnings("unchecked")
    public static void assertCommitted(String service, String document) {
        Map<String, Object> tree = JSON.readValue(document, Map.class);
        // The test's random port is not part of the API.
        tree.remove("servers");
        String normalised = JSON.writeValueAsString(tree) + "\n";
        Path copy = repositoryRoot().resolve("dashboard/openapi/" + service + ".json");
        try {
            String committed = Files.exists(copy) ? Files.readString(copy, StandardCharsets.UTF_8) : "";
            if (!committed.equals(normalised)) {
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, normalised, StandardCharsets.UTF_8);
                fail("The " + service + " API changed: " + copy + " was rewritten from the live document. Commit it; the"
                        + " dashboard's types are generated from it and its build type-checks against them.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath() + ": not in the repository?");
        }
        return dir;
    }
}
