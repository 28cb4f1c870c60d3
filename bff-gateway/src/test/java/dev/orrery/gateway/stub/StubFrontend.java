package dev.orrery.gateway.stub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

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
            request.toWebSocket().onSuccess(socket -> socket.textMessageHandler(text -> {
                if (text.equals("bye")) {
                    socket.close((short) 4001, "stub says bye");
                } else {
                    socket.writeTextMessage("echo " + text);
                }
            }));
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

    void close() {
        server.close();
    }
}
