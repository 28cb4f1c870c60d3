package dev.orrery.gateway.stub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * A small fragment server for tests: serves a settable manifest and, per path, a settable answer (status, body,
 * delay). It records every request's headers and when it answered, so tests can assert what the gateway sent and in
 * which order things happened.
 */
public final class StubFrontend {

    public record Answer(int status, String body, long delayMs, Map<String, String> headers) {
        public static Answer ok(String body) {
            return new Answer(200, body, 0, Map.of());
        }

        public Answer delayed(long ms) {
            return new Answer(status, body, ms, headers);
        }
    }

    /** {@code raw} is the body as received, byte for byte. */
    public record Seen(String path, MultiMap headers, String body, long answeredAtNanos, byte[] raw) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private volatile String manifest;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private static final long FLOOD_CAP = 64L * 1024 * 1024;
    private final java.util.concurrent.atomic.AtomicLong flooded = new java.util.concurrent.atomic.AtomicLong();
    private final List<Short> socketCloses = new CopyOnWriteArrayList<>();

    StubFrontend(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void manifest(String json) {
        this.manifest = json;
    }

    public void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    public void reset() {
        answers.clear();
        seen.clear();
        answeredAt.clear();
        flooded.set(0);
        socketCloses.clear();
    }

    public List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    /** When the stub last finished answering the path (System.nanoTime), or null. */
    public Long answeredAt(String path) {
        return answeredAt.get(path);
    }

    private void handle(HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            seen.add(new Seen(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), "", System.nanoTime(),
                    new byte[0]));
            request.toWebSocket().onSuccess(socket -> {
                socket.closeHandler(v -> socketCloses.add(socket.closeStatusCode()));
                socket.textMessageHandler(text -> {
                    if (text.equals("bye")) {
                        socket.close((short) 4001, "stub says bye");
                    } else if (text.equals("flood")) {
                        flood(socket, Buffer.buffer(new byte[1024]));
                    } else if (text.equals("fragments")) {
                        socket.writeFrame(WebSocketFrame.textFrame("frag", false));
                        socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("ment"), true));
                    } else {
                        socket.writeTextMessage("echo " + text);
                    }
                });
            });
            return;
        }
        request.body().onSuccess(body -> {
            if (request.path().equals("/.well-known/orrery/manifest.json")) {
                request.response().putHeader("Content-Type", "application/json").end(manifest);
                return;
            }
            Answer answer = answers.getOrDefault(request.path(), new Answer(404, "<p>no such stub path</p>", 0, Map.of()));
            Runnable respond = () -> {
                var response = request.response().setStatusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                response.end(answer.body());
                long now = System.nanoTime();
                answeredAt.put(request.path(), now);
                seen.add(new Seen(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                        body.toString(), now, body.getBytes()));
            };
            if (answer.delayMs() > 0) {
                vertx.setTimer(answer.delayMs(), id -> respond.run());
            } else {
                respond.run();
            }
        });
    }

    /** Bytes of binary messages sent so far by "flood" sockets. */
    public long flooded() {
        return flooded.get();
    }

    /** The close codes the stub's WebSocket endpoint received, in order. */
    public List<Short> socketCloses() {
        return socketCloses;
    }

    /** Sends 1 KB binary messages as fast as the socket takes them (never past its full write queue), up to a cap. */
    private void flood(ServerWebSocket socket, Buffer chunk) {
        while (!socket.isClosed() && !socket.writeQueueFull() && flooded.get() < FLOOD_CAP) {
            socket.writeBinaryMessage(chunk);
            flooded.addAndGet(chunk.length());
        }
        if (!socket.isClosed() && flooded.get() < FLOOD_CAP) {
            socket.drainHandler(v -> flood(socket, chunk));
        }
    }

    void close() {
        server.close();
    }
}
