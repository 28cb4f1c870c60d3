package dev.orrery.ha.services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A steady stream of user actions through the services' real APIs while a fault happens: alice adds todos through
 * the todo edge (every 300 ms), bob renames himself through profile-frontend (every 700 ms), each waiting for the
 * answer. Only answered-with-success actions count as acknowledged; the others must take effect at most once.
 */
final class UserActions implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SERIAL = new AtomicInteger();

    record AddedTodo(String text, long id, long ackedAt) {
    }

    record Rename(String displayName, long version, long ackedAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String label;
    private final ServiceStack stack;
    private final KeycloakUser writer;
    private final KeycloakUser renamer;
    private final List<AddedTodo> added = new CopyOnWriteArrayList<>();
    private final List<String> addsUnanswered = new CopyOnWriteArrayList<>();
    private final List<Rename> renames = new CopyOnWriteArrayList<>();
    private final AtomicInteger renamesFailed = new AtomicInteger();
    private volatile boolean running = true;
    private final Thread todoThread;
    private final Thread profileThread;

    UserActions(String label, ServiceStack stack, KeycloakUser writer, KeycloakUser renamer) {
        this(label, stack, writer, renamer, true);
    }

    private UserActions(String label, ServiceStack stack, KeycloakUser writer, KeycloakUser renamer, boolean steady) {
        this.label = label;
        this.stack = stack;
        this.writer = writer;
        this.renamer = renamer;
        todoThread = steady ? started("todo-load", () -> loop(this::addTodo, 300)) : null;
        profileThread = steady ? started("profile-load", () -> loop(this::rename, 700)) : null;
    }

    /** Adds {@code n} todos for the user before any fault; returns how many were acknowledged. */
    static int seedTodos(ServiceStack stack, KeycloakUser user, int n) {
        UserActions seeding = new UserActions("seed", stack, user, null, false);
        for (int i = 0; i < n; i++) {
            seeding.addTodo();
        }
        return seeding.added.size();
    }

    private static Thread started(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void loop(Runnable action, long pauseMillis) {
        while (running) {
            action.run();
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void addTodo() {
        String text = "fault " + label + " #" + SERIAL.incrementAndGet();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.todoUrl() + "/api/todos"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + writer.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("text", text))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                added.add(new AddedTodo(text, JSON.readTree(r.body()).get("id").asLong(), System.currentTimeMillis()));
                return;
            }
        } catch (Exception e) {
            // not acknowledged: below
        }
        addsUnanswered.add(text);
    }

    private void rename() {
        String name = "Bob Builder " + SERIAL.incrementAndGet();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.profileUrl() + "/api/profile"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + renamer.token())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of(
                            "displayName", name, "styleGuide", "daylight", "timeZone", "UTC"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                renames.add(new Rename(name, JSON.readTree(r.body()).get("version").asLong(), System.currentTimeMillis()));
                return;
            }
        } catch (Exception e) {
            // not acknowledged: below
        }
        renamesFailed.incrementAndGet();
    }

    List<AddedTodo> added() {
        return added;
    }

    List<String> addsUnanswered() {
        return addsUnanswered;
    }

    List<Rename> renames() {
        return renames;
    }

    int renamesFailed() {
        return renamesFailed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (todoThread != null) {
            todoThread.join(10_000);
            profileThread.join(10_000);
        }
    }
}
