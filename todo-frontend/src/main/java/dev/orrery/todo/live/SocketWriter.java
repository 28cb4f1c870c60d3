package dev.orrery.todo.live;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.netty.buffer.Unpooled;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * Writes a frame, already encoded once for all sockets of the user, to one socket with as little per-socket work as
 * possible: a fan-out to 500 sockets spent about half the service's CPU in per-socket writes, and websockets-next's
 * {@code sendText} adds a Mutiny {@code Uni} and its subscription and re-encodes the text to UTF-8 for every socket.
 * Here every socket gets a Vert.x frame wrapping the same bytes (no copy), written fire-and-forget on its Vert.x
 * {@link WebSocketBase}.
 * <p>
 * websockets-next does not expose that {@link WebSocketBase}: it is read through the package-private
 * {@code WebSocketConnectionBase.webSocket()} (Quarkus 3.33.2), and frames are built with Vert.x's internal
 * {@link WebSocketFrameImpl} (Vert.x 4.5). Revisit on every Quarkus upgrade; when the accessor is gone this falls
 * back to {@code sendText}. Frames written this way bypass websockets-next's traffic logging and telemetry.
 */
final class SocketWriter {

    private static final Logger LOG = Logger.getLogger(SocketWriter.class);
    /** Vert.x's default maximum WebSocket frame: larger texts are left to Vert.x, which splits them. */
    private static final int MAX_SINGLE_FRAME = 65_536;
    private static final MethodHandle WEB_SOCKET = webSocketAccessor();
    private static final AtomicBoolean FALLBACK_REPORTED = new AtomicBoolean();

    private final WebSocketConnection connection;
    private final WebSocketBase webSocket;

    SocketWriter(WebSocketConnection connection) {
        this.connection = connection;
        this.webSocket = webSocketOf(connection);
    }

    /** {@code utf8} is shared with other sockets and must not be changed afterwards. */
    void write(long seq, byte[] utf8) {
        if (webSocket != null && utf8.length <= MAX_SINGLE_FRAME) {
            webSocket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(utf8), true));
            return; // a failure means the socket is closing; its close handler cleans up
        }
        String text = new String(utf8, StandardCharsets.UTF_8);
        connection.sendText(text).subscribe().with(ok -> {
        }, e -> LOG.debugf("frame %d not sent to socket %s: %s", seq, connection.id(), e.getMessage()));
    }

    private static WebSocketBase webSocketOf(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(connection);
        } catch (Throwable e) {
            if (FALLBACK_REPORTED.compareAndSet(false, true)) {
                LOG.warnf("no Vert.x WebSocket behind %s (%s): live frames go through sendText", connection, e);
            }
            return null;
        }
    }

    private static MethodHandle webSocketAccessor() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase", false,
                    WebSocketConnection.class.getClassLoader());
            Method method = base.getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("websockets-next internals changed (%s): live frames go through sendText", e);
            return null;
        }
    }
}
