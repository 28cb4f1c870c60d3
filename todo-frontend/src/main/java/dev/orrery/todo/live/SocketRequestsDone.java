package dev.orrery.todo.live;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Quarkus's graceful shutdown counts every request until its response ends or its connection closes, but it never
 * hears of either for a request upgraded to a WebSocket: each socket ever opened was counted forever, and a drained
 * instance waited the whole {@code quarkus.shutdown.timeout} (20 s) although its sockets were closed. This marks the
 * upgrade request done when its connection (the socket) closes. Measured before/after in docs/todo-frontend.md.
 */
@ApplicationScoped
public class SocketRequestsDone {

    private static final Logger LOG = Logger.getLogger(SocketRequestsDone.class);
    private static final MethodHandle DONE = doneHandle();

    void install(@Observes Router router) {
        if (DONE == null) {
            return;
        }
        router.route("/live/*").order(-200).handler(rc -> {
            HttpServerRequest request = rc.request();
            // Requests are wrapped (and counted) only when quarkus.shutdown.timeout is set.
            if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                    && request.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME) != null
                    && request.connection() instanceof ConnectionBase connection) {
                QuarkusRequestWrapper counted = QuarkusRequestWrapper.get(request);
                connection.closeFuture().onComplete(closed -> done(counted));
            }
            rc.next();
        });
    }

    private static void done(QuarkusRequestWrapper request) {
        try {
            DONE.invoke(request); // idempotent: the wrapper runs its done handlers once
        } catch (Throwable e) {
            LOG.debugf(e, "could not mark a closed socket's upgrade request done");
        }
    }

    private static MethodHandle doneHandle() {
        try {
            return MethodHandles.privateLookupIn(QuarkusRequestWrapper.class, MethodHandles.lookup())
                    .findVirtual(QuarkusRequestWrapper.class, "done", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("sockets will hold graceful shutdown until its timeout: %s", e.toString());
            return null;
        }
    }
}
