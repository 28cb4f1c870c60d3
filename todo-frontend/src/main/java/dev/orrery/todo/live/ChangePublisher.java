package dev.orrery.todo.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.vertx.core.json.JsonObject;
import jakarta.annotation.PreDestroy;
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
    /**
     * Not {@code vertx.executeBlocking}: that runs the task on the request's duplicated Vert.x context, which holds the
     * request's CDI request-context state while the request is still running on its own thread (a benchmark POST once
     * failed with ContextNotActiveException after its commit). One thread also keeps local deliveries in the order the
     * commits were observed.
     */
    private final ExecutorService localDelivery = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "todo-live-local-delivery");
        thread.setDaemon(true);
        return thread;
    });

    ChangePublisher(@Channel("todo-changes-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            Emitter<JsonObject> emitter, LiveSessions sessions) {
        this.emitter = emitter;
        this.sessions = sessions;
    }

    @PreDestroy
    void stop() {
        localDelivery.shutdown();
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordedChange change) {
        localDelivery.execute(() -> sessions.deliver(change.userId(), change.frame()));
        JsonObject message = change.frame().toJson().put("userId", change.userId());
        emitter.send(message).exceptionally(e -> {
            LOG.warnf(e, "could not publish change %d of a user", change.frame().seq());
            return null;
        });
    }
}
