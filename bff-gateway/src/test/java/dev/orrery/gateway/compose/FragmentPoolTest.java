package dev.orrery.gateway.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.future.PromiseInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * The gateway's own fragment client ({@link FragmentPool}, {@link FragmentConnection}, {@link FragmentExchange})
 * against a real TCP server that scripts the exact bytes of each answer, counts connections and closes, and records
 * the raw request heads. Composition end to end is {@link CompositionTest}'s job; this is the protocol's edge cases.
 */
class FragmentPoolTest {

    private static final int MAX_BYTES = 100;
    private static final long TIMEOUT_MS = 5_000;

    /** The client's Vert.x (one event-loop context owns the pool) and, separately, the scripted server's. */
    private static Vertx clientVertx;
    private static Vertx serverVertx;

    private ContextInternal context;
    private ScriptedServer server;

    @BeforeAll
    static void startVertx() {
        clientVertx = Vertx.vertx();
        serverVertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        clientVertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        serverVertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() throws Exception {
        context = (ContextInternal) clientVertx.getOrCreateContext();
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void chunkedAnswerIsAssembledWithItsHeadersAndTheConnectionIsReused() throws Exception {
        byte[] second = "wörld, é".getBytes(StandardCharsets.UTF_8);
        server.on("/chunked", (socket, nth) -> {
            socket.write("HTTP/1.1 302 Found\r\nLocation: /elsewhere?a=1\r\nCache-Control: max-age=60, private\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            // the rest in later reads: the body is assembled across them
            serverVertx.setTimer(20, t -> socket.write(Buffer.buffer(Integer.toHexString(second.length) + "\r\n")
                    .appendBytes(second).appendString("\r\n0\r\n\r\n")));
        });
        server.on("/next", ScriptedServer.ok("next"));
        FragmentPool pool = pool(4);

        FragmentResponse chunked = fetch(pool, "/chunked", MAX_BYTES, TIMEOUT_MS);
        assertEquals(302, chunked.status());
        assertArrayEquals(concat("hello".getBytes(StandardCharsets.UTF_8), second), chunked.body().getBytes());
        assertEquals("/elsewhere?a=1", chunked.location());
        assertEquals("max-age=60, private", chunked.cacheControl());
        assertNull(chunked.problem());

        FragmentResponse next = fetch(pool, "/next", MAX_BYTES, TIMEOUT_MS);
        assertEquals(200, next.status());
        assertEquals("next", next.body().toString());
        assertEquals(1, server.connections.get(), "the second request went over the kept-alive connection");
        assertEquals(0, server.closes.get());
    }

    @Test
    void earlyHintsBeforeTheAnswerAreSkipped() throws Exception {
        server.on("/hinted", (socket, nth) -> socket.write("HTTP/1.1 103 Early Hints\r\n"
                + "Link: </style.css>; rel=preload; as=style\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nCache-Control: no-store\r\n\r\n<p>real</p>"));
        server.on("/next", ScriptedServer.ok("next"));
        FragmentPool pool = pool(4);

        FragmentResponse hinted = fetch(pool, "/hinted", MAX_BYTES, TIMEOUT_MS);
        assertEquals(200, hinted.status());
        assertEquals("<p>real</p>", hinted.body().toString());
        assertEquals("no-store", hinted.cacheControl());

        assertEquals("next", fetch(pool, "/next", MAX_BYTES, TIMEOUT_MS).body().toString());
        assertEquals(1, server.connections.get(), "the connection stays usable after an informational answer");
    }

    @Test
    void answerWithConnectionCloseIsNotReused() throws Exception {
        // the server does not close itself: the client must not keep the connection it was told to drop
        server.on("/closing", (socket, nth) -> socket.write(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 7\r\n\r\nclosing"));
        server.on("/next", ScriptedServer.ok("next"));
        FragmentPool pool = pool(4);

        FragmentResponse closing = fetch(pool, "/closing", MAX_BYTES, TIMEOUT_MS);
        assertEquals(200, closing.status());
        assertEquals("closing", closing.body().toString());
        assertClosedAndNextGoesOverANewConnection(pool, "the client closes the connection it was told to drop");
    }

    @Test
    void bodyReadUntilTheServerClosesIsAssembled() throws Exception {
        server.on("/until-close", (socket, nth) -> {
            socket.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of ");
            serverVertx.setTimer(20, t -> socket.end(Buffer.buffer("it")));
        });
        FragmentPool pool = pool(4);

        FragmentResponse answer = fetch(pool, "/until-close", MAX_BYTES, TIMEOUT_MS);
        assertEquals(200, answer.status());
        assertEquals("all of it", answer.body().toString());
    }

    @Test
    void keptAliveConnectionClosedWithoutAnswerIsRetriedOnceOnANewConnection() throws Exception {
        server.on("/first", ScriptedServer.ok("first"));
        // the race of an idle-timeout close: the server takes the request in and closes without a byte of answer
        server.on("/raced", (socket, nth) -> {
            if (nth == 1) {
                socket.close();
            } else {
                ScriptedServer.ok("retried").answer(socket, nth);
            }
        });
        FragmentPool pool = pool(4);

        assertEquals(200, fetch(pool, "/first", MAX_BYTES, TIMEOUT_MS).status());
        FragmentResponse raced = fetch(pool, "/raced", MAX_BYTES, TIMEOUT_MS);

        assertEquals(200, raced.status(), () -> "problem: " + raced.problem());
        assertEquals("retried", raced.body().toString());
        assertEquals(2, server.requestsFor("/raced"));
        assertEquals(2, server.connections.get(), "the retry went over a new connection");
    }

    @Test
    void requestWhoseFirstConnectionIsDroppedWithoutAnswerIsNotRetried() throws Exception {
        server.on("/dropped", (socket, nth) -> socket.close());
        FragmentPool pool = pool(4);

        FragmentResponse dropped = fetch(pool, "/dropped", MAX_BYTES, TIMEOUT_MS);

        assertEquals(0, dropped.status());
        assertNotNull(dropped.problem());
        assertFalse(dropped.problem().contains("Timeout"), dropped.problem());
        assertEquals(1, server.requestsFor("/dropped"), "a fresh connection's failure is not retried");
        assertEquals(1, server.connections.get());
    }

    @Test
    void retriedRequestIsRetriedOnlyOnce() throws Exception {
        server.on("/first", (socket, nth) -> serverVertx.setTimer(50, t -> ScriptedServer.ok("first").answer(socket, nth)));
        server.on("/always-dropped", (socket, nth) -> socket.close());
        FragmentPool pool = pool(2);
        // two kept-alive connections, so that the retry too goes over one and could be retried again
        CompletableFuture<FragmentResponse> first = send(pool, "/first", MAX_BYTES, TIMEOUT_MS);
        assertEquals(200, fetch(pool, "/first", MAX_BYTES, TIMEOUT_MS).status());
        assertEquals(200, first.get(5, TimeUnit.SECONDS).status());
        assertEquals(2, server.connections.get());

        FragmentResponse dropped = fetch(pool, "/always-dropped", MAX_BYTES, TIMEOUT_MS);

        assertEquals(0, dropped.status());
        assertNotNull(dropped.problem());
        assertEquals(2, server.requestsFor("/always-dropped"));
    }

    @Test
    void noAnswerWithinTheTimeoutFailsClosesTheConnectionAndTheNextRequestGetsItsOwnAnswer() throws Exception {
        // no answer at all: only the client can end this connection, and it must, or a late answer could be read
        // as the next request's
        server.on("/slow", (socket, nth) -> { });
        server.on("/next", ScriptedServer.ok("next"));
        FragmentPool pool = pool(1); // one connection: a connection still counted after the timeout would block the next

        FragmentResponse slow = fetch(pool, "/slow", MAX_BYTES, 300);
        assertEquals(0, slow.status());
        assertTrue(slow.problem().contains("Timeout") && slow.problem().contains("300 ms"), slow.problem());
        assertClosedAndNextGoesOverANewConnection(pool, "the timed-out connection is closed");
    }

    @Test
    void requestsWithOneTimeoutEachExpireAtTheirOwnDeadline() throws Exception {
        // FragmentDeadlines keeps one timer for the oldest request of a timeout: after it fires, the next one's
        // deadline must still be kept (not the first's, not one timeout later), and an answered one never expires
        server.on("/never", (socket, nth) -> { });
        server.on("/fast", ScriptedServer.ok("fast"));
        FragmentPool pool = pool(3);

        long start = System.nanoTime();
        CompletableFuture<FragmentResponse> first = send(pool, "/never", MAX_BYTES, 400);
        assertEquals(200, send(pool, "/fast", MAX_BYTES, 400).get(5, TimeUnit.SECONDS).status());
        Thread.sleep(200);
        CompletableFuture<FragmentResponse> second = send(pool, "/never", MAX_BYTES, 400);

        assertEquals(0, first.get(5, TimeUnit.SECONDS).status());
        assertFalse(second.isDone(), "the second request expired with the first one");
        long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        FragmentResponse late = second.get(5, TimeUnit.SECONDS);
        long secondMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, late.status());
        assertTrue(late.problem().contains("400 ms"), late.problem());
        assertTrue(firstMs >= 400 && secondMs >= 600, "expired at " + firstMs + " and " + secondMs + " ms");
    }

    @Test
    void timeoutWhileWaitingForAConnectionFailsThatRequestOnly() throws Exception {
        server.on("/slow", (socket, nth) -> serverVertx.setTimer(400, t -> ScriptedServer.ok("slow").answer(socket, nth)));
        FragmentPool pool = pool(1);

        CompletableFuture<FragmentResponse> slow = send(pool, "/slow", MAX_BYTES, TIMEOUT_MS);
        CompletableFuture<FragmentResponse> waiting = send(pool, "/slow", MAX_BYTES, 100);

        FragmentResponse gaveUp = waiting.get(5, TimeUnit.SECONDS);
        assertEquals(0, gaveUp.status());
        assertTrue(gaveUp.problem().contains("Timeout"), gaveUp.problem());
        assertEquals(200, slow.get(5, TimeUnit.SECONDS).status());
        // the request that gave up while waiting is never sent, and the connection stays kept alive
        assertEquals(200, fetch(pool, "/slow", MAX_BYTES, TIMEOUT_MS).status());
        assertEquals(2, server.requestsFor("/slow"));
        assertEquals(1, server.connections.get());
    }

    @Test
    void contentLengthAboveTheLimitFailsAndClosesTheConnection() throws Exception {
        server.on("/next", ScriptedServer.ok("next"));
        // only the head and a first part: the announced length alone refuses the answer, without waiting for the body
        server.on("/huge", (socket, nth) -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: " + (MAX_BYTES + 1)
                + "\r\n\r\n" + "x".repeat(10)));
        FragmentPool pool = pool(4);

        FragmentResponse huge = fetch(pool, "/huge", MAX_BYTES, 2_000);
        assertEquals(0, huge.status());
        assertTrue(huge.problem().startsWith("body larger than " + MAX_BYTES), huge.problem());
        assertClosedAndNextGoesOverANewConnection(pool, "the connection of a refused answer is closed");
    }

    @Test
    void chunkedBodyGrowingPastTheLimitFailsAndClosesTheConnection() throws Exception {
        server.on("/next", ScriptedServer.ok("next"));
        // no last chunk: only the client can end this connection
        server.on("/growing", (socket, nth) -> {
            socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "y".repeat(60);
            socket.write("3c\r\n" + chunk + "\r\n");
            serverVertx.setTimer(20, t -> socket.write("3c\r\n" + chunk + "\r\n"));
        });
        FragmentPool pool = pool(4);

        FragmentResponse growing = fetch(pool, "/growing", MAX_BYTES, TIMEOUT_MS);
        assertEquals(0, growing.status());
        assertTrue(growing.problem().startsWith("body larger than " + MAX_BYTES), growing.problem());
        assertClosedAndNextGoesOverANewConnection(pool, "the connection of a refused answer is closed");
    }

    @Test
    void bodiesOfExactlyTheLimitAreAccepted() throws Exception {
        String full = "z".repeat(MAX_BYTES);
        server.on("/sized", ScriptedServer.ok(full));
        server.on("/chunked", (socket, nth) -> socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "32\r\n" + full.substring(50) + "\r\n32\r\n" + full.substring(50) + "\r\n0\r\n\r\n"));
        FragmentPool pool = pool(4);

        assertEquals(full, fetch(pool, "/sized", MAX_BYTES, TIMEOUT_MS).body().toString());
        assertEquals(full, fetch(pool, "/chunked", MAX_BYTES, TIMEOUT_MS).body().toString());
    }

    @Test
    void poolNeverOpensMoreThanItsLimitAndQueuedRequestsAllGetTheirOwnAnswer() throws Exception {
        server.on("/slow", (socket, nth) -> serverVertx.setTimer(100,
                t -> ScriptedServer.ok("answer " + nth).answer(socket, nth)));
        FragmentPool pool = pool(2);

        List<CompletableFuture<FragmentResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(send(pool, "/slow", MAX_BYTES, TIMEOUT_MS));
        }
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<FragmentResponse> answer : answers) {
            FragmentResponse response = answer.get(5, TimeUnit.SECONDS);
            assertEquals(200, response.status(), () -> "problem: " + response.problem());
            bodies.add(response.body().toString());
        }
        assertEquals(List.of("answer 1", "answer 2", "answer 3", "answer 4", "answer 5", "answer 6"),
                bodies.stream().sorted().toList(), "each request got its own answer");
        assertEquals(6, server.requestsFor("/slow"));
        assertTrue(server.mostOpenAtOnce.get() <= 2, "open at once: " + server.mostOpenAtOnce.get());
        assertEquals(2, server.connections.get());
    }

    @Test
    void requestHeadIsExactlyTheRequestLineHostAndTheHeaderLinesInOrder() throws Exception {
        server.on("/fragment", ScriptedServer.ok("ok"));
        FragmentPool pool = pool(4);
        FragmentRequestHeaders headers = new FragmentRequestHeaders()
                .add("Accept", "text/html")
                .add("User-Agent", "orrery-gateway")
                .add("Authorization", "Bearer a.b.c")
                .add("X-Request-Id", "req-1\tä");

        FragmentResponse answer = fetch(pool, "/fragment?user=1&x=%20", headers, MAX_BYTES, TIMEOUT_MS);

        assertEquals(200, answer.status());
        assertEquals(List.of("GET /fragment?user=1&x=%20 HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port + "\r\n"
                + "Accept: text/html\r\n"
                + "User-Agent: orrery-gateway\r\n"
                + "Authorization: Bearer a.b.c\r\n"
                + "X-Request-Id: req-1\tä\r\n"
                + "\r\n"), server.heads);
        assertEquals(0, server.trailingBytes(), "nothing after the blank line that ends the head");
    }

    @Test
    void headerValueWithALineBreakIsRefused() {
        FragmentRequestHeaders headers = new FragmentRequestHeaders();
        assertThrows(IllegalArgumentException.class, () -> headers.add("X-Request-Id", "a\r\nCookie: stolen=1"));
        assertThrows(IllegalArgumentException.class, () -> headers.add("X-Request-Id", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> headers.add("X-Request-Id", "a\rb"));
        assertEquals("\r\n", new String(headers.lines(), StandardCharsets.ISO_8859_1), "nothing half-added");
    }

    @Test
    void connectionRefusedFailsWithAReason() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        FragmentPool pool = new FragmentPool((VertxInternal) clientVertx, context.nettyEventLoop(), "127.0.0.1",
                closedPort, 4, 5_000);

        FragmentResponse refused = fetch(pool, "/nobody", MAX_BYTES, TIMEOUT_MS);

        assertEquals(0, refused.status());
        assertNotNull(refused.problem());
        assertFalse(refused.problem().contains("no answer within"), "refused, not timed out: " + refused.problem());
    }

    /** Found by this test (fixed in 32f1764): the waiting request used to get "stale" as its body. */
    @Test
    void bytesAfterAnAnswerAreNeverReadAsTheNextRequestsAnswer() throws Exception {
        // a front-end that sends more than it announced, here a whole second answer, right behind the first one
        server.on("/a", (socket, nth) -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale"));
        server.on("/b", ScriptedServer.ok("b"));
        FragmentPool pool = pool(1); // b waits for a's connection

        CompletableFuture<FragmentResponse> a = send(pool, "/a", MAX_BYTES, TIMEOUT_MS);
        CompletableFuture<FragmentResponse> b = send(pool, "/b", MAX_BYTES, TIMEOUT_MS);

        assertEquals("a", a.get(5, TimeUnit.SECONDS).body().toString());
        FragmentResponse answerOfB = b.get(5, TimeUnit.SECONDS);
        assertEquals(200, answerOfB.status(), () -> "problem: " + answerOfB.problem());
        assertEquals("b", answerOfB.body().toString(), "b got the bytes that came before it was even sent");
    }

    @Test
    void unreadableAnswerFailsAndTheNextRequestGetsANewConnection() throws Exception {
        server.on("/garbage", (socket, nth) -> socket.write("HTTP/1.1 abc\r\nContent-Length: x\r\n\r\n"));
        server.on("/next", ScriptedServer.ok("next"));
        FragmentPool pool = pool(1);

        FragmentResponse garbage = fetch(pool, "/garbage", MAX_BYTES, TIMEOUT_MS);
        assertEquals(0, garbage.status());
        assertTrue(garbage.problem().startsWith("invalid answer"), garbage.problem());
        assertClosedAndNextGoesOverANewConnection(pool, "the connection of an unreadable answer is closed");
    }

    @Test
    void idleConnectionTheServerClosedIsReplaced() throws Exception {
        server.on("/first", ScriptedServer.ok("first"));
        server.on("/next", ScriptedServer.ok("next"));
        FragmentPool pool = pool(1);

        assertEquals(200, fetch(pool, "/first", MAX_BYTES, TIMEOUT_MS).status());
        server.closeAll();
        assertClosedAndNextGoesOverANewConnection(pool, "the server closed the idle connection");
        assertEquals(1, server.requestsFor("/next"), "no retry was needed");
    }

    /** The one connection used so far was closed (the server saw it), and "/next" is answered over a second one. */
    private void assertClosedAndNextGoesOverANewConnection(FragmentPool pool, String why) throws Exception {
        awaitTrue(() -> server.closes.get() == 1, why);
        FragmentResponse next = fetch(pool, "/next", MAX_BYTES, TIMEOUT_MS);
        assertEquals(200, next.status(), () -> "problem: " + next.problem());
        assertEquals("next", next.body().toString());
        assertEquals(2, server.connections.get());
    }

    private FragmentPool pool(int max) {
        return new FragmentPool((VertxInternal) clientVertx, context.nettyEventLoop(), "127.0.0.1", server.port, max,
                5_000);
    }

    private FragmentResponse fetch(FragmentPool pool, String path, int maxBytes, long timeoutMs) throws Exception {
        return send(pool, path, maxBytes, timeoutMs).get(5, TimeUnit.SECONDS);
    }

    private FragmentResponse fetch(FragmentPool pool, String path, FragmentRequestHeaders headers, int maxBytes,
            long timeoutMs) throws Exception {
        return send(pool, path, headers, maxBytes, timeoutMs).get(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<FragmentResponse> send(FragmentPool pool, String path, int maxBytes, long timeoutMs) {
        return send(pool, path, new FragmentRequestHeaders().add("Accept", "text/html"), maxBytes, timeoutMs);
    }

    /** Starts one exchange on the pool's own event loop, as the fetcher does, and hands back its answer. */
    private CompletableFuture<FragmentResponse> send(FragmentPool pool, String path, FragmentRequestHeaders headers,
            int maxBytes, long timeoutMs) {
        CompletableFuture<FragmentResponse> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            PromiseInternal<FragmentResponse> promise = context.promise();
            promise.future().onComplete(done -> {
                if (done.succeeded()) {
                    result.complete(done.result());
                } else {
                    result.completeExceptionally(done.cause());
                }
            });
            FragmentExchange exchange = new FragmentExchange(path, headers, maxBytes, timeoutMs, promise);
            pool.start(exchange);
        });
        return result;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 5 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** What the scripted server does with the nth request (from 1) for one path, on that request's connection. */
    @FunctionalInterface
    interface Script {
        void answer(NetSocket socket, int nth);
    }

    /**
     * A TCP server on 127.0.0.1 that answers each request with the bytes its path's script writes, and counts
     * connections, closes and the most connections open at once; it records each raw request head (ISO-8859-1).
     */
    private static final class ScriptedServer {

        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger mostOpenAtOnce = new AtomicInteger();
        final List<String> heads = new CopyOnWriteArrayList<>();
        final int port;
        private final AtomicInteger openNow = new AtomicInteger();
        private final Map<String, Script> scripts = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
        private final Map<NetSocket, Buffer> pending = new ConcurrentHashMap<>();
        private final NetServer netServer;

        ScriptedServer() throws Exception {
            netServer = serverVertx.createNetServer().connectHandler(this::accept);
            netServer.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            port = netServer.actualPort();
        }

        static Script ok(String body) {
            return (socket, nth) -> socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        }

        void on(String path, Script script) {
            scripts.put(path, script);
        }

        int requestsFor(String path) {
            AtomicInteger count = requests.get(path);
            return count == null ? 0 : count.get();
        }

        /** Bytes received after the last complete request head, over all connections. */
        int trailingBytes() {
            return pending.values().stream().mapToInt(Buffer::length).sum();
        }

        void closeAll() {
            sockets.forEach(NetSocket::close);
        }

        void close() throws Exception {
            closeAll();
            netServer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }

        private void accept(NetSocket socket) {
            connections.incrementAndGet();
            mostOpenAtOnce.accumulateAndGet(openNow.incrementAndGet(), Math::max);
            sockets.add(socket);
            pending.put(socket, Buffer.buffer());
            socket.closeHandler(v -> {
                openNow.decrementAndGet();
                closes.incrementAndGet();
                sockets.remove(socket);
            });
            socket.handler(bytes -> {
                Buffer received = pending.get(socket).appendBuffer(bytes);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                int end;
                while ((end = text.indexOf("\r\n\r\n")) >= 0) {
                    String head = text.substring(0, end + 4);
                    text = text.substring(end + 4);
                    heads.add(head);
                    answer(socket, head);
                }
                pending.put(socket, Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1)));
            });
        }

        private void answer(NetSocket socket, String head) {
            String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            int nth = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Script script = scripts.get(path);
            if (script == null) {
                socket.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            } else {
                script.answer(socket, nth);
            }
        }
    }
}
