import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Push latency of todo-frontend: SOCKETS open sockets on /live/todos spread evenly over USERS users, a closed-loop
 * stream of POSTs (CONCURRENCY in flight, users in turn), and the time from sending a POST to its "added" frame on
 * each of the owner's sockets. Same run, same cluster: the bare broker round trip (publish -> consume of a frame-sized
 * message through HAProxy) as the reference.
 *
 * The client is deliberately light, so the two cores go to the service: all sockets and POSTs run on ONE Vert.x event
 * loop (keep-alive HTTP/1.1 for the POSTs). USERS = 2 uses the demo users alice and bob (every POST fans out to
 * SOCKETS/2 sockets, the worst case); otherwise bench-user-001..USERS, created in the realm through Keycloak's admin
 * API when missing (kept for the next run).
 *
 * Usage: java -cp vertx+netty+amqp-client TodoPushBench.java BASE_URL SOCKETS POSTS CONCURRENCY USERS
 */
public class TodoPushBench {

    private static final String KEYCLOAK = "http://localhost:8180";
    private static final String REALM = KEYCLOAK + "/realms/orrery";
    private static final String BENCH_PASSWORD = "bench-orrery";
    private static final Pattern TODO_ID = Pattern.compile("\"todoId\":(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final HttpClient SETUP = HttpClient.newHttpClient();

    /** Arrival times of "added" frames by todo id; touched only on the client's single event loop. */
    private static final Map<Long, long[]> arrivals = new HashMap<>();
    private static final Map<Long, Integer> arrivalCounts = new HashMap<>();

    public static void main(String[] args) {
        try {
            bench(args);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the client's event loop would otherwise keep the JVM (and the CPU lock) alive
        }
    }

    private static void bench(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:18095");
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int posts = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int userCount = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        List<BenchUser> users = users(userCount);
        int perUser = sockets / users.size();
        System.out.printf("== todo push: %d sockets over %d users (%d per user: every POST fans out to %d sockets), "
                + "%d POSTs, %d in flight%n", perUser * users.size(), users.size(), perUser, perUser, posts, concurrency);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(sockets * 2).setConnectTimeout(30_000));
        io.vertx.core.http.HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost(base.getHost()).setDefaultPort(base.getPort()), new PoolOptions()
                .setHttp1MaxSize(concurrency));

        CountDownLatch ready = new CountDownLatch(perUser * users.size());
        List<Future<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < perUser * users.size(); i++) {
            BenchUser user = users.get(i % users.size());
            opening.add(wsClient.connect(new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                    .setURI("/live/todos?since=0").addHeader("Authorization", "Bearer " + user.token()))
                    .onSuccess(ws -> ws.textMessageHandler(frame -> onFrame(frame, ready))));
            if (opening.size() % 100 == 0) { // no connect storm: let each hundred finish first
                Future.all(new ArrayList<>(opening)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
        Future.all(opening).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(ready.getCount() + " sockets never got their ready frame");
        }
        System.out.println("   all sockets live");

        run(vertx, http, users, perUser, posts / 5, concurrency, "warm-up");
        onLoop(vertx, () -> { arrivals.clear(); arrivalCounts.clear(); });
        long started = System.nanoTime();
        Result result = run(vertx, http, users, perUser, posts, concurrency, "measured");
        long elapsed = System.nanoTime() - started;

        List<Long> every = new ArrayList<>();
        List<Long> lastPerPost = new ArrayList<>();
        long missing = onLoopGet(vertx, () -> {
            long lost = 0;
            for (Map.Entry<Long, Long> sent : result.sentAt().entrySet()) {
                long[] times = arrivals.get(sent.getKey());
                int count = arrivalCounts.getOrDefault(sent.getKey(), 0);
                lost += perUser - count;
                long last = Long.MIN_VALUE;
                for (int i = 0; i < count; i++) {
                    every.add(times[i] - sent.getValue());
                    last = Math.max(last, times[i] - sent.getValue());
                }
                if (count > 0) {
                    lastPerPost.add(last);
                }
            }
            return lost;
        });
        long[] all = sorted(every);
        System.out.printf("   frames: %d of %d expected (%d missing); %.1f POSTs/s, %.0f frames/s%n", all.length,
                (long) posts * perUser, missing, posts / (elapsed / 1e9), all.length / (elapsed / 1e9));
        print("POST -> frame, every owner socket", all);
        print("POST -> frame, last owner socket ", sorted(lastPerPost));
        print("POST -> its HTTP response        ", sorted(result.answered()));
        opening.forEach(ws -> ws.result().close());
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        long[] broker = brokerRoundTrip(posts, 2048);
        print("bare broker publish -> consume    ", broker);
        System.out.printf("   ratio p50 %.1fx, p99 %.1fx (push over bare broker)%n",
                (double) percentile(all, 50) / percentile(broker, 50), (double) percentile(all, 99) / percentile(broker, 99));
    }

    /** Runs on the event loop: records "added" arrivals, counts "ready". */
    private static void onFrame(String frame, CountDownLatch ready) {
        long now = System.nanoTime();
        if (frame.contains("\"type\":\"added\"")) {
            Matcher id = TODO_ID.matcher(frame);
            if (id.find()) {
                long todoId = Long.parseLong(id.group(1));
                int count = arrivalCounts.merge(todoId, 1, Integer::sum);
                long[] times = arrivals.computeIfAbsent(todoId, k -> new long[16]);
                if (count > times.length) {
                    times = Arrays.copyOf(times, times.length * 2);
                    arrivals.put(todoId, times);
                }
                times[count - 1] = now;
            }
        } else if (frame.contains("\"type\":\"ready\"")) {
            ready.countDown();
        }
    }

    private record Result(Map<Long, Long> sentAt, List<Long> answered) {
    }

    /** POSTs back to back from CONCURRENCY chains, users in turn; returns once every owner socket has every frame. */
    private static Result run(Vertx vertx, io.vertx.core.http.HttpClient http, List<BenchUser> users, int perUser,
            int posts, int concurrency, String label) throws Exception {
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> answered = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            CompletableFuture<Void> chain = new CompletableFuture<>();
            chains.add(chain);
            vertx.runOnContext(v -> post(http, users, label, posts, next, sentAt, answered, chain));
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && onLoopGet(vertx, () -> sentAt.keySet().stream()
                .anyMatch(id -> arrivalCounts.getOrDefault(id, 0) < perUser))) {
            Thread.sleep(20);
        }
        return new Result(sentAt, answered);
    }

    private static void post(io.vertx.core.http.HttpClient http, List<BenchUser> users, String label, int posts,
            AtomicInteger next, Map<Long, Long> sentAt, List<Long> answered, CompletableFuture<Void> chain) {
        int i = next.getAndIncrement();
        if (i >= posts) {
            chain.complete(null);
            return;
        }
        BenchUser user = users.get(i % users.size());
        Buffer body = Buffer.buffer("{\"text\":\"bench " + label + " " + i + "\"}");
        long t0 = System.nanoTime();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/todos")
                .putHeader("Authorization", "Bearer " + user.token()).putHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> {
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("POST answered " + response.statusCode() + ": " + b);
                    }
                    return b.toString();
                }))
                .onSuccess(created -> {
                    long took = System.nanoTime() - t0;
                    Matcher id = ID.matcher(created);
                    id.find();
                    sentAt.put(Long.parseLong(id.group(1)), t0);
                    answered.add(took);
                    post(http, users, label, posts, next, sentAt, answered, chain);
                })
                .onFailure(chain::completeExceptionally);
    }

    private static void onLoop(Vertx vertx, Runnable action) throws Exception {
        onLoopGet(vertx, () -> {
            action.run();
            return null;
        });
    }

    private static <T> T onLoopGet(Vertx vertx, java.util.function.Supplier<T> action) throws Exception {
        Promise<T> result = Promise.promise();
        vertx.runOnContext(v -> result.complete(action.get()));
        return result.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private record BenchUser(String name, String password, String token) {
    }

    /** alice and bob for 2, else bench-user-001..N (created when missing); each with a fresh access token. */
    private static List<BenchUser> users(int count) throws Exception {
        List<BenchUser> users = new ArrayList<>();
        if (count == 2) {
            for (String name : List.of("alice", "bob")) {
                users.add(new BenchUser(name, name + "-orrery", token(name, name + "-orrery")));
            }
            return users;
        }
        String admin = adminToken();
        int created = 0;
        for (int i = 1; i <= count; i++) {
            String name = String.format("bench-user-%03d", i);
            if (ensureUser(admin, name)) {
                created++;
            }
            users.add(new BenchUser(name, BENCH_PASSWORD, token(name, BENCH_PASSWORD)));
        }
        System.out.printf("   %d bench users (%d created now)%n", count, created);
        return users;
    }

    private static String adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        return field(send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).body(), "access_token");
    }

    /** Creates the user with a permanent password unless the realm has it; true when created. */
    private static boolean ensureUser(String admin, String name) throws Exception {
        String users = KEYCLOAK + "/admin/realms/orrery/users";
        String found = send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username=" + name))
                .header("Authorization", "Bearer " + admin).GET().build()).body();
        if (found.contains("\"username\":\"" + name + "\"")) {
            return false;
        }
        String user = "{\"username\":\"" + name + "\",\"enabled\":true,\"emailVerified\":true,\"email\":\"" + name
                + "@bench.orrery.test\",\"firstName\":\"Bench\",\"lastName\":\"" + name.substring(11) + "\","
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + BENCH_PASSWORD + "\",\"temporary\":false}]}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(users))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user)).build());
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("creating " + name + ": " + response.statusCode() + " " + response.body());
        }
        return response.statusCode() == 201;
    }

    private static String token(String user, String password) throws Exception {
        String form = "grant_type=password&client_id=orrery-gateway&client_secret=orrery-gateway-secret&username="
                + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return field(send(HttpRequest.newBuilder(URI.create(REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).body(), "access_token");
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return SETUP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
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

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static void print(String label, long[] sortedNanos) {
        System.out.printf("   %s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (n=%d)%n", label,
                percentile(sortedNanos, 50) / 1e6, percentile(sortedNanos, 99) / 1e6,
                sortedNanos[sortedNanos.length - 1] / 1e6, sortedNanos.length);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
