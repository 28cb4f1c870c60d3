package dev.orrery.e2e;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Steady load through a gateway while a front-end is replaced: page views (each must be 200 with every fragment
 * fresh, per the gateway's Server-Timing), todo writes through the proxy (each must be 201) and the writer's live
 * sockets, opened through the gateway's WebSocket proxy as a browser does, that reconnect with {@code ?since=} when
 * closed and count every frame by sequence number.
 */
final class DeployLoad implements AutoCloseable {

    record Sample(long startNanos, long nanos, boolean ok, String problem) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<DeployVisitor> readers;
    private final DeployVisitor writer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    final ConcurrentLinkedQueue<Sample> pages = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Sample> writes = new ConcurrentLinkedQueue<>();
    final List<LiveWatcher> sockets = new ArrayList<>();
    private final AtomicInteger written = new AtomicInteger();

    DeployLoad(List<DeployVisitor> readers, DeployVisitor writer, int liveSockets) throws Exception {
        this.readers = readers;
        this.writer = writer;
        for (int i = 0; i < liveSockets; i++) {
            sockets.add(LiveWatcher.open(writer));
        }
        for (LiveWatcher watcher : sockets) {
            watcher.awaitFirstReady();
        }
        for (DeployVisitor reader : readers) {
            threads.add(daemon("page-views", () -> views(reader)));
        }
        threads.add(daemon("todo-writes", this::writes));
    }

    private void views(DeployVisitor visitor) {
        while (running.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> page = visitor.get("/");
                String timing = page.headers().firstValue("Server-Timing").orElse("");
                boolean fresh = !timing.isEmpty() && !page.body().contains("orrery-unavailable")
                        && List.of(timing.split(",")).stream().allMatch(t -> t.contains("desc=\"fresh 200\""));
                pages.add(new Sample(start, System.nanoTime() - start, page.statusCode() == 200 && fresh,
                        page.statusCode() + " " + timing));
            } catch (Exception e) {
                pages.add(new Sample(start, System.nanoTime() - start, false, e.toString()));
            }
            pause(50);
        }
    }

    private void writes() {
        while (running.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> created = writer.postJson("/api/todos",
                        "{\"text\":\"deploy load " + written.incrementAndGet() + "\"}");
                writes.add(new Sample(start, System.nanoTime() - start, created.statusCode() == 201,
                        created.statusCode() + " " + created.body()));
            } catch (Exception e) {
                writes.add(new Sample(start, System.nanoTime() - start, false, e.toString()));
            }
            pause(150);
        }
    }

    /** Stops the load, waits for the last frames, and compares every socket with the user's final sequence number. */
    @Override
    public void close() throws Exception {
        running.set(false);
        for (Thread t : threads) {
            t.join(35_000);
        }
        LiveWatcher.finish(writer, sockets);
    }

    List<Sample> failedPages() {
        return pages.stream().filter(s -> !s.ok()).toList();
    }

    List<Sample> failedWrites() {
        return writes.stream().filter(s -> !s.ok()).toList();
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One logical live socket of a signed-in visitor, through the gateway (session cookie, same Origin): reconnects
     * after every close and remembers each sequence number seen, and how often each author name arrived on a card.
     */
    static final class LiveWatcher implements WebSocket.Listener {

        private static final Pattern AUTHOR = Pattern.compile("<span class=\"todo-author\">([^<]*)</span>");
        private final DeployVisitor visitor;
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Long> firstReady = new CompletableFuture<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        final Set<Long> seen = Collections.synchronizedSet(new TreeSet<>());
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger resets = new AtomicInteger();
        final AtomicInteger reconnects = new AtomicInteger();
        final List<String> closes = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> authorNames = new ConcurrentHashMap<>();
        volatile long startSeq = -1;
        volatile long lastSeq = -1;
        volatile long finalSeq = -1;
        private volatile WebSocket socket;

        private LiveWatcher(DeployVisitor visitor) {
            this.visitor = visitor;
        }

        static LiveWatcher open(DeployVisitor visitor) {
            LiveWatcher watcher = new LiveWatcher(visitor);
            watcher.connect();
            return watcher;
        }

        /**
         * Learns the visitor's current sequence number from a fresh socket, waits (up to 10 s) until every watcher got
         * that far, and stops them; from then on {@link #lost()} compares against that number.
         */
        static void finish(DeployVisitor visitor, List<LiveWatcher> watchers) throws Exception {
            LiveWatcher last = open(visitor);
            long finalSeq = last.awaitFirstReady();
            last.stop();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && watchers.stream().anyMatch(s -> s.lastSeq < finalSeq)) {
                pause(100);
            }
            for (LiveWatcher watcher : watchers) {
                watcher.finalSeq = finalSeq;
                watcher.stop();
            }
        }

        void connect() {
            String since = lastSeq >= 0 ? "?since=" + lastSeq : "";
            visitor.http.newWebSocketBuilder().header("Origin", visitor.site)
                    .buildAsync(URI.create(visitor.site.replaceFirst("^http", "ws") + "/live/todos" + since), this)
                    .whenComplete((ws, e) -> {
                        if (e != null) {
                            closes.add("handshake " + e);
                            retry();
                        } else {
                            socket = ws;
                        }
                    });
        }

        long awaitFirstReady() throws Exception {
            try {
                return firstReady.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("live socket not ready within 30 s: " + closes, e);
            }
        }

        private void retry() {
            if (!stopped.get()) {
                reconnects.incrementAndGet();
                CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS).execute(this::connect);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frame(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void frame(String text) {
            try {
                JsonNode frame = JSON.readTree(text);
                long seq = frame.get("seq").asLong();
                switch (frame.get("type").asText()) {
                    case "ready" -> {
                        if (startSeq < 0) {
                            startSeq = seq;
                        }
                        lastSeq = Math.max(lastSeq, seq);
                        firstReady.complete(seq);
                    }
                    case "reset" -> {
                        resets.incrementAndGet();
                        lastSeq = seq;
                    }
                    default -> {
                        if (!seen.add(seq)) {
                            duplicates.incrementAndGet();
                        }
                        lastSeq = Math.max(lastSeq, seq);
                        Matcher author = AUTHOR.matcher(frame.path("html").asText(""));
                        if (author.find()) {
                            authorNames.merge(author.group(1), 1, Integer::sum);
                        }
                    }
                }
            } catch (Exception e) {
                closes.add("unreadable frame " + text);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closes.add(status + " " + reason);
            retry();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closes.add("error " + error);
            retry();
        }

        void stop() {
            stopped.set(true);
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }

        /** Sequence numbers between the first ready frame and the final one that never arrived. */
        List<Long> lost() {
            List<Long> lost = new ArrayList<>();
            for (long s = startSeq + 1; s <= finalSeq; s++) {
                if (!seen.contains(s)) {
                    lost.add(s);
                }
            }
            return lost;
        }
    }
}
