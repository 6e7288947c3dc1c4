package io.creditgate.platform.embedded.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Stripe request's parameters: the form-encoded body (or query string) read into nested maps and lists the
 * way Stripe reads them. {@code line_items[0][price_data][currency]=usd} becomes
 * {@code {line_items: [{price_data: {currency: usd}}]}}; {@code expand[]=a&expand[]=b} and stripe-java's
 * {@code expand[0]=a} both become a list; {@code metadata[k]=v} a map. Values are strings, as on the wire.
 */
final class StripeForm {

    /** Stripe's own limit on a key's nesting; deeper keys are refused rather than followed. */
    private static final int MAX_DEPTH = 8;

    private final Map<String, Object> params;

    private StripeForm(Map<String, Object> params) {
        this.params = params;
    }

    static StripeForm empty() {
        return new StripeForm(Map.of());
    }

    /** Parses {@code a=1&b[c]=2}; a malformed key is a 400 in Stripe's shape. */
    static StripeForm parse(String encoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (encoded != null && !encoded.isBlank()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                put(root, segments(key), value);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> normalized = (Map<String, Object>) listsFromIndexedMaps(root);
        return new StripeForm(normalized);
    }

    /** Everything, nested; used to compare two requests under one idempotency key. */
    Map<String, Object> asMap() {
        return params;
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    /** A string parameter, or null when absent. */
    String string(String name) {
        return stringIn(params, name);
    }

    String require(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw StripeError.missingParam(name);
        }
        return value;
    }

    Long longValue(String name) {
        return longIn(params, name);
    }

    boolean bool(String name) {
        return boolIn(params, name);
    }

    Map<String, Object> map(String name) {
        return mapIn(params, name);
    }

    List<Object> list(String name) {
        return listIn(params, name);
    }

    /** The strings of a list parameter such as {@code expand[]}; empty when absent. */
    List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        for (Object value : list(name)) {
            if (value instanceof String text) {
                values.add(text);
            }
        }
        return values;
    }

    static String stringIn(Map<String, Object> map, String name) {
        Object value = map.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw StripeError.invalidRequest("Invalid " + name + ": must be a string", name);
        }
        return text;
    }

    static Long longIn(Map<String, Object> map, String name) {
        String value = stringIn(map, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StripeError.invalidRequest("Invalid integer: " + value, name);
        }
    }

    static boolean boolIn(Map<String, Object> map, String name) {
        String value = stringIn(map, name);
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw StripeError.invalidRequest("Invalid boolean: " + value, name);
        }
        return Boolean.parseBoolean(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapIn(Map<String, Object> map, String name) {
        Object value = map.get(name);
        if (value == null || "".equals(value)) {
            // Stripe clears a hash with an empty string (metadata=); here that reads as no entries.
            return Map.of();
        }
        if (value instanceof List<?> list) {
            // metadata[0]=a reads as a list; as a hash its keys are the indexes.
            Map<String, Object> indexed = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                indexed.put(Integer.toString(i), list.get(i));
            }
            return indexed;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw StripeError.invalidRequest("Invalid object", name);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> listIn(Map<String, Object> map, String name) {
        Object value = map.get(name);
        if (value == null || "".equals(value)) {
            return List.of();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (!(value instanceof List<?>)) {
            throw StripeError.invalidRequest("Invalid array", name);
        }
        return (List<Object>) value;
    }

    /** {@code a[b][0][]} → {@code [a, b, 0, ""]}. */
    private static List<String> segments(String key) {
        List<String> segments = new ArrayList<>();
        int open = key.indexOf('[');
        segments.add(open < 0 ? key : key.substring(0, open));
        while (open >= 0) {
            int close = key.indexOf(']', open);
            if (close < 0) {
                throw StripeError.invalidRequest("Invalid parameter name: " + key, key);
            }
            segments.add(key.substring(open + 1, close));
            open = key.indexOf('[', close);
            if (open > close + 1) {
                throw StripeError.invalidRequest("Invalid parameter name: " + key, key);
            }
        }
        if (segments.get(0).isEmpty() || segments.size() > MAX_DEPTH) {
            throw StripeError.invalidRequest("Invalid parameter name: " + key, key);
        }
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> segments, String value) {
        Map<String, Object> current = root;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.isEmpty()) {
                // "[]" appends: the next free index of this level.
                segment = Integer.toString(current.size());
            }
            if (i == segments.size() - 1) {
                current.put(segment, value);
                return;
            }
            Object next = current.get(segment);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                current.put(segment, next);
            }
            current = (Map<String, Object>) next;
        }
    }

    /** Maps whose keys are all indexes become lists, in index order. */
    private static Object listsFromIndexedMaps(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        boolean allIndexes = !map.isEmpty();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = (String) entry.getKey();
            converted.put(key, listsFromIndexedMaps(entry.getValue()));
            allIndexes &= key.chars().allMatch(Character::isDigit) && key.length() < 6;
        }
        if (!allIndexes) {
            return converted;
        }
        List<Map.Entry<String, Object>> entries = new ArrayList<>(converted.entrySet());
        entries.sort((a, b) -> Integer.compare(Integer.parseInt(a.getKey()), Integer.parseInt(b.getKey())));
        List<Object> list = new ArrayList<>();
        for (Map.Entry<String, Object> entry : entries) {
            list.add(entry.getValue());
        }
        return list;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StripeError.invalidRequest("Invalid URL encoding in: " + text, null);
        }
    }
}
