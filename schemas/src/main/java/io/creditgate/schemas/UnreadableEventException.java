package io.creditgate.schemas;

/** Bytes on a topic that are not an event this build can read. Never retried: the bytes will not change. */
public final class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message) {
        super(message);
    }
}
