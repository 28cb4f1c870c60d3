package dev.orrery.todo.live;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Live updates of the signed-in user's todos. The upgrade request carries the bearer token (the gateway adds it);
 * {@code ?since=N} names the last sequence number the client has seen. The socket only receives; changes are made
 * through the REST API.
 */
@WebSocket(path = "/live/todos")
@Authenticated
public class LiveEndpoint {

    private final LiveSessions sessions;
    private final SecurityIdentity identity;

    LiveEndpoint(LiveSessions sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        sessions.open(connection, identity.getPrincipal().getName(), since(connection.handshakeRequest().query()));
    }

    @OnClose
    void close(WebSocketConnection connection) {
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
        try {
            return Math.max(-1, Long.parseLong(values.get(0)));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
