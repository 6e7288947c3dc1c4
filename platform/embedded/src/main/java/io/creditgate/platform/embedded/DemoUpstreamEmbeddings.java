package io.creditgate.platform.embedded;

import static io.creditgate.platform.embedded.DemoUpstreamWire.JSON;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/embeddings} in OpenAI's wire format: one unit vector per input (a string, a token array, or
 * an array of either), made up but deterministic, as floats or as base64 little-endian float32 (what OpenAI's
 * SDKs ask for); {@code usage.prompt_tokens} counts every input's tokens.
 */
final class DemoUpstreamEmbeddings {

    private static final int MAX_INPUTS = 2048;

    private DemoUpstreamEmbeddings() {
    }

    static void answer(HttpExchange exchange, JsonNode body, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        String model = DemoUpstreamWire.requireModel(body);
        List<JsonNode> inputs = inputs(body.path("input"));
        Integer dimensions = DemoUpstreamWire.optionalInt(body, "dimensions", 1);
        int size = dimensions != null ? dimensions : model.endsWith("-large") ? 3072 : 1536;
        boolean base64 = body.path("encoding_format").asString("float").equals("base64");
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        long tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            tokens += DemoTokens.plainInputTokens(model, inputs.get(i));
            float[] vector = vector(inputs.get(i).toString(), size);
            ObjectNode embedding = data.addObject();
            embedding.put("object", "embedding");
            embedding.put("index", i);
            if (base64) {
                embedding.put("embedding", base64(vector));
            } else {
                ArrayNode values = embedding.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
        }
        root.put("model", model);
        bill.charge(DemoBill.Kind.EMBEDDINGS, model, tokens, 0, 0);
        if (options.reportUsage()) {
            root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        }
        DemoUpstreamWire.respond(exchange, 200, root);
    }

    private static List<JsonNode> inputs(JsonNode input) {
        if (input.isString()) {
            return List.of(input);
        }
        if (!input.isArray() || input.isEmpty() || input.size() > MAX_INPUTS) {
            throw new DemoUpstreamWire.BadRequest("'input' must be a string, a token array, or an array of 1 to "
                    + MAX_INPUTS + " of them.");
        }
        if (input.get(0).isNumber()) {
            return List.of(input);
        }
        List<JsonNode> inputs = new ArrayList<>();
        input.forEach(inputs::add);
        return inputs;
    }

    /** A unit vector seeded by the input, so the same text always embeds the same. */
    private static float[] vector(String seed, int size) {
        Random random = new Random(seed.hashCode());
        float[] vector = new float[size];
        double norm = 0;
        for (int i = 0; i < size; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < size; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
