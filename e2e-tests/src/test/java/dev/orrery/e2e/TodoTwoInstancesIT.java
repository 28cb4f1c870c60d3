package dev.orrery.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/**
 * Two todo-frontend processes against the same database and broker: a change made through instance 1 reaches the
 * user's socket on instance 2 (each instance reads every change through its own auto-deleted queue), and only hers.
 */
class TodoTwoInstancesIT {

    private static final int SECOND_PORT = 18091;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process second;

    @BeforeAll
    static void start() throws Exception {
        Platform.start();
        // Same database and profile queue as instance 1; logs to its own file so the two logs stay apart.
        second = Platform.launch("todo-frontend", SECOND_PORT, Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5439/todo_e2e",
                "mp.messaging.incoming.profile-events.queue.name", Platform.TODO_PROFILE_QUEUE,
                "quarkus.log.console.enable", "false",
                "quarkus.log.file.enable", "true",
                "quarkus.log.file.path", Platform.root().resolve("e2e-tests/target/e2e-logs/todo-frontend-2.log").toString()));
        Platform.awaitReady(SECOND_PORT, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.destroy();
            if (!second.waitFor(15, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
    }

    @Test
    void aChangeThroughInstanceOneReachesTheOwnersSocketOnInstanceTwoOnly() throws Exception {
        String alice = Keycloak.accessToken("alice");
        String bob = Keycloak.accessToken("bob");
        try (Socket alices = Socket.open(SECOND_PORT, alice); Socket bobs = Socket.open(SECOND_PORT, bob)) {
            long id = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("text", "Made on instance 1"))
                    .post("http://localhost:" + Platform.TODO_PORT + "/api/todos")
                    .then().statusCode(201).extract().jsonPath().getLong("id");

            JsonNode frame = alices.nextAbout(id);
            assertEquals("added", frame.get("type").asText());
            String card = given().auth().oauth2(alice)
                    .get("http://localhost:" + SECOND_PORT + "/fragments/card/" + id)
                    .then().statusCode(200).extract().asString();
            assertEquals(card, frame.get("html").asText());

            long marker = given().auth().oauth2(bob).contentType(ContentType.JSON)
                    .body(Map.of("text", "Bob's marker"))
                    .post("http://localhost:" + Platform.TODO_PORT + "/api/todos")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            // Everything bob's socket got up to his own change: none of it is alice's.
            for (JsonNode seen = bobs.next(); seen.get("todoId").asLong() != marker; seen = bobs.next()) {
                assertNotEquals(id, seen.get("todoId").asLong());
                assertFalse(seen.toString().contains("Made on instance 1"));
            }
        }
    }

    /** An instance that stops (as a deploy drains it) says "going away", so browsers reconnect to its replacement. */
    @Test
    void aStoppingInstanceClosesItsSocketsWithGoingAway() throws Exception {
        int port = SECOND_PORT + 1;
        Process third = Platform.launch("todo-frontend", port, Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5439/todo_e2e",
                "mp.messaging.incoming.profile-events.queue.name", Platform.TODO_PROFILE_QUEUE,
                "quarkus.log.console.enable", "false",
                "quarkus.log.file.enable", "true",
                "quarkus.log.file.path", Platform.root().resolve("e2e-tests/target/e2e-logs/todo-frontend-3.log").toString()));
        try {
            Platform.awaitReady(port, Duration.ofSeconds(90));
            Socket socket = Socket.open(port, Keycloak.accessToken("alice"));
            third.destroy(); // SIGTERM, as ./orrery deploy sends it
            assertEquals(1001, socket.closeCode.get(30, TimeUnit.SECONDS));
        } finally {
            third.destroyForcibly();
        }
    }

    /** A socket on {@code /live/todos} with the bearer token on the upgrade request, as the gateway opens it. */
    private static final class Socket implements WebSocket.Listener, AutoCloseable {

        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final java.util.concurrent.CompletableFuture<Integer> closeCode = new java.util.concurrent.CompletableFuture<>();
        private WebSocket socket;

        static Socket open(int port, String token) throws Exception {
            Socket listener = new Socket();
            listener.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://localhost:" + port + "/live/todos"), listener)
                    .get(10, TimeUnit.SECONDS);
            assertEquals("ready", listener.next().get("type").asText());
            return listener;
        }

        JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(frame, "no frame within 10 s");
            return frame;
        }

        /** The next frame about that todo; profile events may re-render other cards of the user meanwhile. */
        JsonNode nextAbout(long todoId) throws InterruptedException {
            JsonNode frame = next();
            while (frame.get("todoId").asLong() != todoId) {
                frame = next();
            }
            return frame;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
