package io.creditgate.gateway.metered;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A metered request, checked by its {@link Api}. The body is re-serialized from this tree when forwarded,
 * so the upstream reads exactly what the gateway metered (no duplicate-key or parser-differential tricks).
 *
 * @param body the request's JSON, changed in place by the output cap and by {@link Api#prepareForUpstream}
 * @param model the model asked for
 * @param stream whether the answer streams
 * @param clientWantsUsage true when a streaming client asked for the usage itself (chat and completions)
 * @param askedOutputTokens the output limit per choice, or null when the client named none
 * @param choices how many outputs the call may produce, each up to the limit ({@code n}, several prompts)
 */
record ApiRequest(ObjectNode body, String model, boolean stream, boolean clientWantsUsage, Long askedOutputTokens,
                  int choices) {

    byte[] toBytes(JsonMapper json) {
        return json.writeValueAsBytes(body);
    }
}
