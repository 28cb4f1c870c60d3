package dev.orrery.contracts.todo;

import java.time.Instant;

/**
 * A todo as the todo API returns it. {@code createdAt} comes from the server clock; {@code priority} is one of
 * {@code low}, {@code normal}, {@code high}.
 */
public record TodoView(long id, String text, boolean done, String priority, Instant createdAt, Author author) {

    /** The author as todo-frontend last learned it from {@code ProfileUpdated} events. */
    public record Author(String userId, String displayName, String avatarUrl) {
    }
}
