package dev.orrery.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real profile changes kept in flight while a front-end is replaced: a signed-in user renames themself through the
 * gateway ({@code PUT /api/profile} → profile-frontend's outbox → broker → todo-frontend's quorum queue), one change
 * at a time, each as soon as todo-frontend's author copy shows the previous one. Meanwhile the user's own live socket
 * (through the gateway) counts the re-rendered card of their one todo per name, and the todo queue's consumer count is
 * sampled (2 while old and new instance both consume).
 */
final class DeployProfileUpdates implements AutoCloseable {

    /** One rename: its name, the profile version it produced, and how long todo-frontend took to apply it (-1: never). */
    record Update(String name, long version, boolean ok, String problem, long applyMillis) {
    }

    /** todo-frontend's copy of the user's profile and how many of their events it has recorded as processed. */
    record TodoCopy(String displayName, long version, long processedEvents) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient MANAGEMENT = HttpClient.newHttpClient();
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(20);

    private final DeployVisitor user;
    private final String todoDatabase;
    private final String todoQueue;
    private final String label;
    private final JsonNode profile;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    final String userId;
    final TodoCopy before;
    final DeployLoad.LiveWatcher socket;
    final ConcurrentLinkedQueue<Update> updates = new ConcurrentLinkedQueue<>();
    final AtomicInteger maxConsumers = new AtomicInteger();

    /** @param label makes this run's names unique, e.g. "t1" gives "Bob Builder t1-1", "Bob Builder t1-2", ... */
    DeployProfileUpdates(DeployVisitor user, String todoDatabase, String todoQueue, String label) throws Exception {
        this.user = user;
        this.todoDatabase = todoDatabase;
        this.todoQueue = todoQueue;
        this.label = label;
        this.profile = JSON.readTree(user.get("/api/profile").body());
        this.userId = profile.get("userId").asText();
        this.before = todoCopy();
        this.socket = DeployLoad.LiveWatcher.open(user);
        socket.awaitFirstReady();
        this.thread = new Thread(this::rename, "profile-updates");
        thread.setDaemon(true);
        thread.start();
    }

    private void rename() {
        // one connection for the polling, not one per poll
        try (Connection todoDb = connect()) {
            rename(todoDb);
        } catch (SQLException e) {
            updates.add(new Update("-", -1, false, "todo database: " + e, -1));
        }
    }

    private void rename(Connection todoDb) {
        int n = 0;
        long nextConsumerSample = 0;
        while (running.get()) {
            String name = "Bob Builder " + label + "-" + (++n);
            long start = System.nanoTime();
            try {
                HttpResponse<String> saved = user.putJson("/api/profile", JSON.createObjectNode()
                        .put("displayName", name).put("styleGuide", profile.get("styleGuide").asText())
                        .put("timeZone", profile.get("timeZone").asText()).toString());
                if (saved.statusCode() != 200) {
                    updates.add(new Update(name, -1, false, saved.statusCode() + " " + saved.body(), -1));
                } else {
                    long version = JSON.readTree(saved.body()).get("version").asLong();
                    updates.add(new Update(name, version, true, null, awaitApplied(todoDb, version, start)));
                }
            } catch (Exception e) {
                updates.add(new Update(name, -1, false, e.toString(), -1));
            }
            if (System.nanoTime() > nextConsumerSample) {
                maxConsumers.accumulateAndGet(consumers(todoQueue), Math::max);
                nextConsumerSample = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
            DeployLoad.pause(150);
        }
    }

    /** @return milliseconds from the PUT until todo-frontend's author copy holds that version, -1 when it never did */
    private long awaitApplied(Connection todoDb, long version, long start) throws SQLException {
        long deadline = start + APPLY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (todoCopy(todoDb).version() >= version) {
                return Duration.ofNanos(System.nanoTime() - start).toMillis();
            }
            DeployLoad.pause(50);
        }
        return -1;
    }

    TodoCopy todoCopy() throws SQLException {
        try (Connection c = connect()) {
            return todoCopy(c);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5439/" + todoDatabase, "orrery", "orrery");
    }

    private TodoCopy todoCopy(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT a.display_name, a.version,"
                        + " (SELECT count(*) FROM processed_event p WHERE p.user_id = ?)"
                        + " FROM (SELECT 1) one LEFT JOIN author a ON a.user_id = ?")) {
            s.setString(1, userId);
            s.setString(2, userId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new TodoCopy(rs.getString(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /** Consumers of a queue, from the broker's management API (0 when it cannot tell). */
    static int consumers(String queue) {
        try {
            return JSON.readTree(management("GET", queue).body()).path("consumers").asInt();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Deletes a queue (its bindings with it); a queue that does not exist is fine. */
    static void deleteQueue(String queue) throws Exception {
        int status = management("DELETE", queue).statusCode();
        if (status != 204 && status != 404) {
            throw new IllegalStateException("could not delete queue " + queue + ": HTTP " + status);
        }
    }

    private static HttpResponse<String> management(String method, String queue) throws Exception {
        String auth = Base64.getEncoder().encodeToString("orrery:orrery".getBytes(StandardCharsets.UTF_8));
        return MANAGEMENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:15681/api/queues/%2F/" + queue))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops renaming after the current change is applied, and lets the socket catch up with the last frame. */
    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join(APPLY_TIMEOUT.toMillis() + 10_000);
        DeployLoad.LiveWatcher.finish(user, List.of(socket));
    }

    List<Update> failed() {
        return updates.stream().filter(u -> !u.ok() || u.applyMillis() < 0).toList();
    }

    /** Names whose re-rendered card did not arrive exactly once on the user's socket, with the count seen. */
    List<String> namesNotSeenOnce() {
        return updates.stream().filter(Update::ok).map(Update::name)
                .filter(name -> socket.authorNames.getOrDefault(name, 0) != 1)
                .map(name -> name + " x" + socket.authorNames.getOrDefault(name, 0)).toList();
    }

    String summary() {
        List<Long> applied = updates.stream().filter(u -> u.applyMillis() >= 0).map(Update::applyMillis).sorted().toList();
        return String.format("profile updates: %d (%d failed or never applied), applied in p50=%dms max=%dms,"
                + " names not seen exactly once: %d, todo queue consumers max %d",
                updates.size(), failed().size(), applied.isEmpty() ? -1 : applied.get(applied.size() / 2),
                applied.isEmpty() ? -1 : applied.get(applied.size() - 1), namesNotSeenOnce().size(), maxConsumers.get());
    }
}
