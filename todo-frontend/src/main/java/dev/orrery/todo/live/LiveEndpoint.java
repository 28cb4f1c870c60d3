package dev.orrery.todo.live;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Live updates of the signed-in user's todos. The upgrade request carries the bearer token (the gateway adds it).
 * The client names the last sequence number it has seen either as {@code ?since=N} or in its first message
 * {@code {"type":"resume","since":N}}. Otherwise the socket only receives; changes are made through the REST API.
 */
@WebSocket(path = "/live/todos")
@Authenticated
public class LiveEndpoint {

    static final CloseReason RESUME_TOO_LATE = new CloseReason(4400, "resume must be the first message");

    private final LiveSessions sessions;
    private final TokenExpiry expiry;
    private final SecurityIdentity identity;

    LiveEndpoint(LiveSessions sessions, TokenExpiry expiry, SecurityIdentity identity) {
        this.sessions = sessions;
        this.expiry = expiry;
        this.identity = identity;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        expiry.watch(connection, identity);
        sessions.open(connection, identity.getPrincipal().getName(), since(connection.handshakeRequest().query()));
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException e) {
            message = new JsonObject();
        }
        if (!"resume".equals(message.getValue("type"))) {
            return; // nothing else is sent to this socket; unknown messages are ignored
        }
        if (!sessions.resume(connection, readSince(String.valueOf(message.getValue("since"))))) {
            connection.close(RESUME_TOO_LATE).subscribe().with(ok -> { }, e -> { });
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        expiry.forget(connection);
        sessions.close(connection);
    }

    private static Long since(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        var values = new QueryStringDecoder(query, false).parameters().get("since");
        if (values == null || values.isEmpty()) {
            return null;
        }
        return readSince(values.get(0));
    }

    /** -1 (unreadable or negative) gets the client a reset. */
    private static long readSince(String value) {
        try {
            return Math.max(-1, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
