package dev.orrery.todo.live;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads this instance's queue of changes and hands each to the local sockets of its user. */
@ApplicationScoped
public class ChangeConsumer {

    private final LiveSessions sessions;

    ChangeConsumer(LiveSessions sessions) {
        this.sessions = sessions;
    }

    // Blocking because a gap is filled from the database; ordered so frames stay in arrival order.
    @Incoming("todo-changes")
    @Blocking(ordered = true)
    public void onChange(JsonObject message) {
        sessions.deliver(message.getString("userId"), LiveFrame.fromJson(message));
    }
}
