package dev.orrery.contracts.todo;

/**
 * Body of {@code PATCH /api/todos/{id}}: marks a todo done or not done, and/or sets its priority
 * ({@code low}, {@code normal}, {@code high}). Absent fields stay as they are; at least one is required.
 */
public record TodoPatch(Boolean done, String priority) {
}
