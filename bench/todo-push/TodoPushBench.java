import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

/**
 * Push latency of todo-frontend: SOCKETS open sockets on /live/todos split across the demo users, a stream of POSTs,
 * and the time from sending a POST to the "added" frame on each of the owner's sockets. Same run, same cluster:
 * the bare broker round trip (publish -> consume of a frame-sized message through HAProxy) as the reference.
 *
 * Usage: java -cp amqp-client.jar TodoPushBench.java BASE_URL SOCKETS POSTS CONCURRENCY
 */
public class TodoPushBench {

    private static final String REALM = "http://localhost:8180/realms/orrery";
    private static final List<String> USERS = List.of("alice", "bob");
    private static final Pattern TODO_ID = Pattern.compile("\"todoId\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:18095";
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int posts = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Map<String, String> tokens = new ConcurrentHashMap<>();
        for (String user : USERS) {
            tokens.put(user, token(user));
        }
        System.out.printf("== todo push: %d sockets over %d users (%d per user), %d POSTs, %d posting in parallel%n",
                sockets, USERS.size(), sockets / USERS.size(), posts, concurrency);

        // arrival times of "added" frames, per todo id
        Map<Long, List<Long>> arrivals = new ConcurrentHashMap<>();
        List<WebSocket> open = new ArrayList<>();
        AtomicInteger ready = new AtomicInteger();
        for (int i = 0; i < sockets; i++) {
            String user = USERS.get(i % USERS.size());
            open.add(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + tokens.get(user))
                    .buildAsync(URI.create(base.replace("http", "ws") + "/live/todos"), new Listener(arrivals, ready))
                    .get(30, TimeUnit.SECONDS));
        }
        while (ready.get() < sockets) {
            Thread.sleep(50);
        }
        System.out.println("   all sockets live");

        run(base, tokens, posts / 5, concurrency, arrivals, sockets, "warm-up");
        arrivals.clear();
        answered.clear();
        long started = System.nanoTime();
        Map<Long, Long> sent = run(base, tokens, posts, concurrency, arrivals, sockets, "measured");
        long elapsed = System.nanoTime() - started;

        long[] all = sent.entrySet().stream().flatMap(e -> arrivals.getOrDefault(e.getKey(), List.of()).stream()
                .map(t -> t - e.getValue())).mapToLong(Long::longValue).sorted().toArray();
        long[] last = sent.entrySet().stream().mapToLong(e -> arrivals.get(e.getKey()).stream()
                .mapToLong(Long::longValue).max().orElseThrow() - e.getValue()).sorted().toArray();
        long expected = (long) posts * (sockets / USERS.size());
        System.out.printf("   frames: %d of %d expected; %.1f POSTs/s, %.0f frames/s%n", all.length, expected,
                posts / (elapsed / 1e9), all.length / (elapsed / 1e9));
        print("POST -> frame, every owner socket", all);
        print("POST -> frame, last owner socket ", last);
        print("POST -> its HTTP response        ", answered.stream().mapToLong(Long::longValue).sorted().toArray());
        for (WebSocket ws : open) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }

        long[] broker = brokerRoundTrip(posts, 2048);
        print("bare broker publish -> consume    ", broker);
        System.out.printf("   ratio p50 %.1fx, p99 %.1fx (push over bare broker)%n",
                (double) percentile(all, 50) / percentile(broker, 50), (double) percentile(all, 99) / percentile(broker, 99));
        System.exit(0);
    }

    /** POSTs from CONCURRENCY threads, users alternating; returns send time per created todo id once all frames came. */
    /** POST round trips (send to response) of the measured run, for comparison with the push latency. */
    private static final java.util.Queue<Long> answered = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private static Map<Long, Long> run(String base, Map<String, String> tokens, int posts, int concurrency,
            Map<Long, List<Long>> arrivals, int sockets, String label) throws Exception {
        Map<Long, Long> sent = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < posts; i = next.getAndIncrement()) {
                        String user = USERS.get(i % USERS.size());
                        String body = "{\"text\":\"bench " + label + " " + i + "\"}";
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/todos"))
                                .header("Authorization", "Bearer " + tokens.get(user))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
                        }
                        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
                        id.find();
                        sent.put(Long.parseLong(id.group(1)), t0);
                        answered.add(System.nanoTime() - t0);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        long deadline = System.currentTimeMillis() + 60_000;
        int perUser = sockets / USERS.size();
        while (System.currentTimeMillis() < deadline
                && sent.keySet().stream().anyMatch(id -> arrivals.getOrDefault(id, List.of()).size() < perUser)) {
            Thread.sleep(20);
        }
        return sent;
    }

    private static long[] brokerRoundTrip(int messages, int size) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        try (Connection connection = factory.newConnection()) {
            Channel publish = connection.createChannel();
            Channel consume = connection.createChannel();
            String queue = consume.queueDeclare("", false, true, true, null).getQueue();
            long[] latencies = new long[messages];
            AtomicInteger received = new AtomicInteger();
            AtomicLong sentAt = new AtomicLong();
            // one consumer thread: measure first, then let the publisher go on
            DeliverCallback onMessage = (tag, delivery) -> {
                long latency = System.nanoTime() - sentAt.get();
                int i = received.get();
                latencies[i] = latency;
                received.set(i + 1);
            };
            consume.basicConsume(queue, true, onMessage, tag -> { });
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            // one at a time, like a POST's single publish, so queueing does not count
            for (int i = 0; i < messages; i++) {
                int before = received.get();
                sentAt.set(System.nanoTime());
                publish.basicPublish("", queue, new AMQP.BasicProperties(), body);
                while (received.get() == before) {
                    Thread.onSpinWait();
                }
            }
            return Arrays.stream(latencies).sorted().toArray();
        }
    }

    private static void print(String label, long[] sortedNanos) {
        System.out.printf("   %s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (n=%d)%n", label,
                percentile(sortedNanos, 50) / 1e6, percentile(sortedNanos, 99) / 1e6,
                sortedNanos[sortedNanos.length - 1] / 1e6, sortedNanos.length);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static String token(String user) throws Exception {
        String form = "grant_type=password&client_id=orrery-gateway&client_secret=orrery-gateway-secret&username="
                + user + "&password=" + URLEncoder.encode(user + "-orrery", StandardCharsets.UTF_8);
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token for " + user + ": " + body);
        }
        return m.group(1);
    }

    /** Records the arrival time of each "added" frame; counts the socket live at its "ready" frame. */
    private static final class Listener implements WebSocket.Listener {
        private final Map<Long, List<Long>> arrivals;
        private final AtomicInteger ready;
        private final StringBuilder partial = new StringBuilder();

        Listener(Map<Long, List<Long>> arrivals, AtomicInteger ready) {
            this.arrivals = arrivals;
            this.ready = ready;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"type\":\"ready\"")) {
                    ready.incrementAndGet();
                } else if (frame.contains("\"type\":\"added\"")) {
                    Matcher id = TODO_ID.matcher(frame);
                    if (id.find()) {
                        arrivals.computeIfAbsent(Long.parseLong(id.group(1)), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(now);
                    }
                }
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
