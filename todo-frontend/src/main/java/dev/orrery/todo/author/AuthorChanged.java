package dev.orrery.todo.author;

/**
 * Fired (synchronously, inside the transaction that updated the author copy) when a user's name, avatar or style
 * guide changed, for anything that shows them to observe.
 */
public record AuthorChanged(String userId) {
}
