package io.creditgate.gateway.upstream;

/** Which upstream a metered API is forwarded to, with that provider's authentication. */
public enum Provider {
    /** OpenAI or an OpenAI-compatible server: {@code Authorization: Bearer <api-key>}. */
    OPENAI,
    /** Anthropic or an Anthropic-compatible server: {@code x-api-key} and {@code anthropic-version}. */
    ANTHROPIC
}
