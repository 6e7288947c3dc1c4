package io.creditgate.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * Loads a Lua script of the gateway once, as text. A script made from a classpath {@code Resource} asks the
 * class loader for the resource's last-modified time on every execution (Spring Data Redis reloads changed
 * scripts); on the hot path that was about 9 % of the gateway's CPU (docs/performance.md, the profile).
 */
public final class LuaScript {

    private LuaScript() {
    }

    /**
     * @param owner a class in the package that holds the script (its resources directory)
     * @param name the file name, e.g. {@code reserve.lua}
     */
    public static <T> RedisScript<T> load(Class<?> owner, String name, Class<T> resultType) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing beside " + owner.getName());
            }
            return RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), resultType);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua script " + name, e);
        }
    }
}
