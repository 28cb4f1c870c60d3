package dev.orrery.todo.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.orrery.todo.config.TodoConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A socket lives no longer than the access token it was opened with: at its expiry (less
 * {@code todo.live.token-expiry-skew}) the server closes it with 4401 "token expired"; the browser reconnects through
 * the gateway, which relays a fresh token, and resumes from its last number.
 */
@ApplicationScoped
public class TokenExpiry {

    public static final CloseReason EXPIRED = new CloseReason(4401, "token expired");

    private final Vertx vertx;
    private final Duration skew;
    private final Map<String, Long> timers = new ConcurrentHashMap<>();

    TokenExpiry(Vertx vertx, TodoConfig config) {
        this.vertx = vertx;
        this.skew = config.live().tokenExpirySkew();
    }

    void watch(WebSocketConnection connection, SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        Instant closeAt = Instant.ofEpochSecond(jwt.getExpirationTime()).minus(skew);
        long delay = Math.max(1, Duration.between(Instant.now(), closeAt).toMillis());
        timers.put(connection.id(), vertx.setTimer(delay, id -> {
            timers.remove(connection.id());
            if (connection.isOpen()) {
                connection.close(EXPIRED).subscribe().with(ok -> { }, e -> { });
            }
        }));
    }

    void forget(WebSocketConnection connection) {
        Long timer = timers.remove(connection.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
