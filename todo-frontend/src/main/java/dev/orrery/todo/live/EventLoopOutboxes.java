package dev.orrery.todo.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;

/** One {@link EventLoopOutbox} per event loop, found from the socket's own context while it opens. */
@ApplicationScoped
public class EventLoopOutboxes {

    private final Map<Context, EventLoopOutbox> byEventLoop = new ConcurrentHashMap<>();

    /**
     * The outbox of the event loop the calling socket callback runs for (its duplicated context unwraps to the event
     * loop's context); null off any Vert.x context, and the socket then writes directly.
     */
    EventLoopOutbox current() {
        Context context = Vertx.currentContext();
        if (!(context instanceof ContextInternal internal) || !internal.isEventLoopContext()) {
            return null;
        }
        return byEventLoop.computeIfAbsent(internal.unwrap(), EventLoopOutbox::new);
    }
}
