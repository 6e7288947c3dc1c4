package io.creditgate.gateway.metering;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The text OpenAI's chat models read in place of a request's function definitions: not the JSON sent, but a
 * TypeScript namespace appended to the system message (docs/metering.md, "Tool definitions"), such as
 *
 * <pre>
 * # Tools
 *
 * ## functions
 *
 * namespace functions {
 *
 * // Get the current weather in a given location
 * type get_current_weather = (_: {
 * // The city and state, e.g. San Francisco, CA
 * location: string,
 * unit?: "celsius" | "fahrenheit",
 * }) => any;
 *
 * } // namespace functions
 * </pre>
 *
 * <p>The rules (descriptions as {@code //} comments, only on top-level properties; {@code ?} for optional
 * properties; string enums quoted, number enums bare; nested objects indented by two spaces; {@code const}
 * ignored) are the ones that reproduce every published, API-reported count in
 * {@code openai-published-prompt-counts.json} exactly. Stateless.
 */
final class OpenAiToolFormat {

    /** What precedes the namespace in the system message. */
    static final String HEADER = "# Tools\n\n## functions\n\n";

    private static final int NESTED_INDENT = 2;

    private OpenAiToolFormat() {
    }

    /**
     * The tools section of a request, header included, or null when it defines no tools. Takes the chat API's
     * {@code tools} ({@code {"type":"function","function":{…}}}), the Responses API's flat function tools
     * ({@code {"type":"function","name":…}}) and the deprecated {@code functions} (bare function objects);
     * other tool types (built-in or custom tools) are rendered as their JSON, an approximation.
     */
    static String render(JsonNode tools, JsonNode functions) {
        List<String> lines = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (JsonNode tool : elements(tools)) {
            JsonNode function = tool.has("function") ? tool.path("function") : tool;
            if (function.path("name").isString()) {
                addFunction(lines, function);
            } else {
                others.add(tool.toString());
            }
        }
        for (JsonNode function : elements(functions)) {
            addFunction(lines, function);
        }
        if (lines.isEmpty() && others.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(HEADER);
        if (!lines.isEmpty()) {
            text.append("namespace functions {\n\n").append(String.join("\n", lines)).append("\n} // namespace functions");
        }
        for (String other : others) {
            text.append(text.length() > HEADER.length() ? "\n\n" : "").append(other);
        }
        return text.toString();
    }

    private static void addFunction(List<String> lines, JsonNode function) {
        String description = function.path("description").asString("");
        if (!description.isEmpty()) {
            lines.add("// " + description);
        }
        String name = function.path("name").asString("");
        JsonNode parameters = function.path("parameters");
        if (parameters.path("properties").isObject() && !parameters.path("properties").isEmpty()) {
            lines.add("type " + name + " = (_: {");
            lines.add(properties(parameters, 0));
            lines.add("}) => any;");
        } else {
            lines.add("type " + name + " = () => any;");
        }
        lines.add("");
    }

    /** The properties of an object schema, one per line (a description comment above a top-level one). */
    private static String properties(JsonNode object, int indent) {
        Set<String> required = new HashSet<>();
        for (JsonNode name : object.path("required")) {
            required.add(name.asString(""));
        }
        String padding = " ".repeat(indent);
        List<String> lines = new ArrayList<>();
        for (var property : object.path("properties").properties()) {
            JsonNode schema = property.getValue();
            String description = schema.path("description").asString("");
            // Only top-level properties keep their descriptions; nested ones are dropped.
            if (!description.isEmpty() && indent < NESTED_INDENT) {
                lines.add(padding + "// " + description);
            }
            String optional = required.contains(property.getKey()) ? "" : "?";
            lines.add(padding + property.getKey() + optional + ": " + type(schema, indent) + ",");
        }
        return String.join("\n", lines);
    }

    /** A schema as a TypeScript type. */
    private static String type(JsonNode schema, int indent) {
        if (schema.path("anyOf").isArray()) {
            List<String> variants = new ArrayList<>();
            schema.path("anyOf").forEach(variant -> variants.add(type(variant, indent)));
            return String.join(" | ", variants);
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(one -> types.add(simpleType(one.asString(""))));
            return String.join(" | ", types);
        }
        if (schema.path("enum").isArray()) {
            return enumeration(schema.path("enum"));
        }
        return switch (type.asString("")) {
            case "object" -> "{\n" + properties(schema, indent + NESTED_INDENT) + "\n}";
            case "array" -> schema.has("items") ? type(schema.path("items"), indent) + "[]" : "any[]";
            default -> simpleType(type.asString(""));
        };
    }

    private static String simpleType(String type) {
        return switch (type) {
            case "string", "boolean", "null" -> type;
            case "number", "integer" -> "number";
            case "object" -> "object";
            default -> "any";
        };
    }

    /** String values quoted, numbers and booleans as they are. */
    private static String enumeration(JsonNode values) {
        List<String> rendered = new ArrayList<>();
        for (JsonNode value : values) {
            rendered.add(value.isString() ? "\"" + value.stringValue() + "\"" : value.toString());
        }
        return String.join(" | ", rendered);
    }

    private static Iterable<JsonNode> elements(JsonNode array) {
        return array != null && array.isArray() ? array : List.of();
    }
}
