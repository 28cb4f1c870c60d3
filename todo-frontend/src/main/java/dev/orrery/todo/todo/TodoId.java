package dev.orrery.todo.todo;

import dev.orrery.todo.api.InvalidInputException;

/** Parses the id in a path; anything but a positive number is a bad request, not a server error. */
public final class TodoId {

    private TodoId() {
    }

    public static long parse(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as a non-positive id
        }
        throw new InvalidInputException("id", "A todo id is a positive number");
    }
}
