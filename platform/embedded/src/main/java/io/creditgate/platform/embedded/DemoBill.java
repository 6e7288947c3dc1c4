package io.creditgate.platform.embedded;

/**
 * What one call the demo served really cost, as a provider bills it, whatever it told the caller: the input it read
 * and the output it actually wrote. A format handler charges it once it knows the input and raises the output as a
 * stream's pieces go out, so a stream the client cut short is billed only for what was sent before the connection
 * went away. Not thread-safe: one handler thread writes it, and the server records it after the handler returned.
 */
final class DemoBill {

    /** Which of OpenAI's usage reports a call belongs to. */
    enum Kind { COMPLETIONS, EMBEDDINGS }

    private Kind kind;
    private String model;
    private long inputTokens;
    private long cachedInputTokens;
    private long outputTokens;

    /**
     * @param model the model as the caller named it (the usage report names its snapshot)
     * @param inputTokens every input token, cached ones included (OpenAI's {@code input_tokens})
     * @param cachedInputTokens the input tokens read from the prompt cache
     * @param outputTokens output tokens generated so far, reasoning included
     */
    void charge(Kind kind, String model, long inputTokens, long cachedInputTokens, long outputTokens) {
        this.kind = kind;
        this.model = model;
        this.inputTokens = inputTokens;
        this.cachedInputTokens = cachedInputTokens;
        this.outputTokens = outputTokens;
    }

    /** The output written so far (reasoning included); replaces the previous count. */
    void output(long tokens) {
        this.outputTokens = tokens;
    }

    boolean charged() {
        return model != null;
    }

    Kind kind() {
        return kind;
    }

    String model() {
        return model;
    }

    long inputTokens() {
        return inputTokens;
    }

    long cachedInputTokens() {
        return cachedInputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }
}
