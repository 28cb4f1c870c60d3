package dev.orrery.todo.todo;

import dev.orrery.todo.api.InvalidInputException;
import dev.orrery.todo.config.TodoConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The rule for a todo's text. The text is stored as given (HTML included); only rendering escapes it. */
@ApplicationScoped
public class TodoText {

    private final TodoConfig config;

    TodoText(TodoConfig config) {
        this.config = config;
    }

    public String validated(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "A todo needs some text");
        }
        if (text.codePointCount(0, text.length()) > config.maxTextLength()) {
            throw new InvalidInputException("text",
                    "A todo has at most " + config.maxTextLength() + " characters");
        }
        return text;
    }
}
