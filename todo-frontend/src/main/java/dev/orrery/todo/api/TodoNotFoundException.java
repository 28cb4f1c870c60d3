package dev.orrery.todo.api;

/** No todo with that id for this user. Another user's todo is reported the same way, so ids reveal nothing. */
public class TodoNotFoundException extends RuntimeException {

    public TodoNotFoundException(long id) {
        super("No todo with id " + id);
    }
}
