package dev.orrery.todo.live;

import io.vertx.core.json.JsonObject;

/**
 * One push to a user's sockets: {@code {seq, type, todoId, html}}. {@code html} is the card (or, for {@code reset},
 * the list) rendered by the same template as the fragments; null for deletions; for {@code styled}, the name of the
 * style guide the page switches to.
 */
public record LiveFrame(long seq, String type, Long todoId, String html) {

    public JsonObject toJson() {
        return new JsonObject().put("seq", seq).put("type", type).put("todoId", todoId).put("html", html);
    }

    /** The frame as sent on the socket. */
    public byte[] toUtf8() {
        return toJson().toBuffer().getBytes();
    }

    public static LiveFrame fromJson(JsonObject json) {
        return new LiveFrame(json.getLong("seq"), json.getString("type"), json.getLong("todoId"),
                json.getString("html"));
    }
}
