package dev.orrery.todo.author;

/**
 * A ProfileUpdated message this service cannot apply (not JSON, unsupported schema version, missing fields). It is
 * nacked; after the queue's delivery limit it ends in the dead-letter queue instead of being dropped.
 */
public class UnreadableProfileEventException extends RuntimeException {

    public UnreadableProfileEventException(String message) {
        super(message);
    }

    public UnreadableProfileEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
