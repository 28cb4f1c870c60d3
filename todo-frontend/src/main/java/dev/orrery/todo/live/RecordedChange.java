package dev.orrery.todo.live;

/** A change of one user's todos, fired inside the transaction that made it and published after it commits. */
public record RecordedChange(String userId, LiveFrame frame) {
}
