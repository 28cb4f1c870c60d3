package dev.orrery.todo;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** A socket on {@code /live/todos} as a real client opens it: bearer token on the upgrade, frames queued as JSON. */
public final class LiveClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final WebSocketClient client;
    private final WebSocket socket;
    private final java.util.concurrent.CompletableFuture<String> closed = new java.util.concurrent.CompletableFuture<>();

    private LiveClient(Vertx vertx, URI base, String token, String query) throws Exception {
        client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI("/live/todos" + query);
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        socket = client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    }

    /** A socket that is live: the server has sent its {@code ready} frame. */
    public static LiveClient open(Vertx vertx, URI base, String user) throws Exception {
        LiveClient client = new LiveClient(vertx, base, KeycloakTokens.accessToken(user), "");
        client.awaitReady();
        return client;
    }

    /** A socket resuming after {@code since}; the catch-up and the {@code ready} frame are left to read. */
    public static LiveClient resume(Vertx vertx, URI base, String user, String since) throws Exception {
        return new LiveClient(vertx, base, KeycloakTokens.accessToken(user), "?since=" + since);
    }

    /** A socket opened without {@code since} with this token; nothing awaited. */
    public static LiveClient connect(Vertx vertx, URI base, String token) throws Exception {
        return new LiveClient(vertx, base, token, "");
    }

    public void send(String text) throws Exception {
        socket.writeTextMessage(text).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** The server's close frame as "code reason"; fails if the socket is not closed within the timeout. */
    public String awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public JsonObject awaitReady() throws InterruptedException {
        JsonObject frame = next();
        if (!"ready".equals(frame.getString("type"))) {
            throw new AssertionError("expected the ready frame, got " + frame);
        }
        return frame;
    }

    public static LiveClient anonymous(Vertx vertx, URI base) throws Exception {
        return new LiveClient(vertx, base, null, "");
    }

    /** The next frame; fails if none arrives in time. */
    public JsonObject next() throws InterruptedException {
        JsonObject frame = frames.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return frame;
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    @Override
    public void close() throws Exception {
        if (!closed.isDone()) {
            socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        client.close();
    }
}
