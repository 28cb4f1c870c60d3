package dev.orrery.contracts.todo;

/** Body of {@code PATCH /api/todos/{id}}: marks a todo done or not done. */
public record TodoPatch(Boolean done) {
}
