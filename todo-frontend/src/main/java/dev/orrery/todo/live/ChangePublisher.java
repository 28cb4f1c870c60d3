package dev.orrery.todo.live;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Announces committed changes on the exchange {@code orrery.todo.changes}, which every instance (this one included)
 * reads through its own queue. A change whose publish fails is not lost for the user: the next frame reveals the gap
 * and the gap is filled from the change log. This instance's own sockets get the change at once, off the request's
 * thread, without waiting for the broker; the broker's copy then finds them up to date and is dropped per socket.
 */
@ApplicationScoped
public class ChangePublisher {

    private static final Logger LOG = Logger.getLogger(ChangePublisher.class);

    private final Emitter<JsonObject> emitter;
    private final LiveSessions sessions;
    private final Vertx vertx;

    ChangePublisher(@Channel("todo-changes-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            Emitter<JsonObject> emitter, LiveSessions sessions, Vertx vertx) {
        this.emitter = emitter;
        this.sessions = sessions;
        this.vertx = vertx;
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordedChange change) {
        vertx.executeBlocking(() -> {
            sessions.deliver(change.userId(), change.frame());
            return null;
        }, false);
        JsonObject message = change.frame().toJson().put("userId", change.userId());
        emitter.send(message).exceptionally(e -> {
            LOG.warnf(e, "could not publish change %d of a user", change.frame().seq());
            return null;
        });
    }
}
