package io.creditgate.ledger.reconciliation;

import java.time.LocalDate;
import java.util.List;

/** The provider's own record of usage, read over HTTP: OpenAI's usage API or LiteLLM's spend logs. */
interface ProviderSource {

    /** {@code openai} or {@code litellm}, as the report names its source. */
    String name();

    /**
     * The provider's usage per UTC day and model family of {@code [from, to]}, each pair at most once.
     *
     * @throws SourceUnavailableException when the provider cannot be read (down, refusing the key, an unreadable answer)
     */
    List<ProviderUsage> read(LocalDate from, LocalDate to);

    /** The provider could not be read; the message says why, for finance to read. */
    final class SourceUnavailableException extends RuntimeException {
        SourceUnavailableException(String message) {
            super(message);
        }

        SourceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
