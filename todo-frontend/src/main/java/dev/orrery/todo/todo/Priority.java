package dev.orrery.todo.todo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A todo's priority; stored and sent in lower case. */
public enum Priority {
    LOW, NORMAL, HIGH;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Priority> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(Priority::wire).toList();
    }
}
