package dev.orrery.todo.live;

import java.time.Duration;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * When this instance stops (a deploy drains it), every live socket is closed with 1001 "going away", so browsers
 * reconnect at once (to the instance that replaces this one) and resume from their last sequence number.
 */
@ApplicationScoped
public class GoingAwayOnShutdown {

    private static final CloseReason GOING_AWAY = new CloseReason(1001, "going away");

    private final OpenConnections connections;

    GoingAwayOnShutdown(OpenConnections connections) {
        this.connections = connections;
    }

    /** Fires at the start of the shutdown delay, before the server closes connections itself (with 1000). */
    void closeAll(@Observes ShutdownDelayInitiatedEvent shutdown) {
        var closing = connections.stream().filter(c -> c.isOpen()).map(c -> c.close(GOING_AWAY)).toList();
        if (closing.isEmpty()) {
            return;
        }
        Uni.join().all(closing).andCollectFailures()
                .onFailure().recoverWithNull()
                .await().atMost(Duration.ofSeconds(5));
    }
}
