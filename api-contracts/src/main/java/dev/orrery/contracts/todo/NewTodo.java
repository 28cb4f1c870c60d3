package dev.orrery.contracts.todo;

/** Body of {@code POST /api/todos}. */
public record NewTodo(String text) {
}
