package dev.orrery.todo.api;

/** A request the client must change before it can succeed; answered 400 with the message and the field. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
