package dev.orrery.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** Live pushes over real sockets, through the real broker (the instance's own queue) and database. */
@QuarkusTest
class LiveTest extends TwoUsers {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;


    @Test
    void aliceGetsEveryChangeAsTheCardTheFragmentRendersAndBobGetsNone() throws Exception {
        try (LiveClient alices = LiveClient.open(vertx, base, "alice");
                LiveClient bobs = LiveClient.open(vertx, base, "bob")) {
            long id = alice.add("Water the <plants>");
            JsonObject added = alices.next();
            assertEquals("added", added.getString("type"));
            assertEquals(id, added.getLong("todoId"));
            assertEquals(alice.card(id), added.getString("html"));
            assertTrue(added.getString("html").contains("Water the &lt;plants&gt;"));

            alice.request().contentType(ContentType.JSON).body(Map.of("done", true)).patch("/api/todos/" + id)
                    .then().statusCode(200);
            JsonObject done = alices.next();
            assertEquals("updated", done.getString("type"));
            assertEquals(added.getLong("seq") + 1, done.getLong("seq"));
            assertEquals(alice.card(id), done.getString("html"));

            alice.request().contentType(ContentType.JSON).body(Map.of("priority", "high")).patch("/api/todos/" + id)
                    .then().statusCode(200);
            assertTrue(alices.next().getString("html").contains("value=\"high\""));

            alice.request().delete("/api/todos/" + id).then().statusCode(204);
            JsonObject deleted = alices.next();
            assertEquals("deleted", deleted.getString("type"));
            assertNull(deleted.getString("html"));
            alice.deleteAll();
            assertEquals("cleared", alices.next().getString("type"));

            // Bob's first frame is his own change: none of alice's five reached him.
            long bobs1 = bob.add("Bob's marker");
            assertEquals(bobs1, bobs.next().getLong("todoId"));
            assertTrue(bobs.isEmpty());
            assertTrue(alices.isEmpty());
        }
    }

    @Test
    void everyOpenTabOfTheUserGetsTheChange() throws Exception {
        try (LiveClient tab1 = LiveClient.open(vertx, base, "alice");
                LiveClient tab2 = LiveClient.open(vertx, base, "alice")) {
            long id = alice.add("In both tabs");
            assertEquals(id, tab1.next().getLong("todoId"));
            assertEquals(id, tab2.next().getLong("todoId"));
        }
    }

    @Test
    void reconnectingWithTheLastSeqReplaysWhatWasMissedInOrderAndNothingTwice() throws Exception {
        long seen;
        long first;
        try (LiveClient socket = LiveClient.open(vertx, base, "alice")) {
            first = alice.add("Seen live");
            seen = socket.next().getLong("seq");
        }
        long second = alice.add("Missed one");
        long third = alice.add("Missed two");
        alice.request().delete("/api/todos/" + first).then().statusCode(204);

        try (LiveClient socket = LiveClient.resume(vertx, base, "alice", String.valueOf(seen))) {
            List<JsonObject> replay = List.of(socket.next(), socket.next(), socket.next());
            assertEquals(List.of(seen + 1, seen + 2, seen + 3), replay.stream().map(f -> f.getLong("seq")).toList());
            assertEquals(List.of("added", "added", "deleted"), replay.stream().map(f -> f.getString("type")).toList());
            assertEquals(List.of(second, third, first), replay.stream().map(f -> f.getLong("todoId")).toList());
            assertEquals(alice.card(second), replay.get(0).getString("html"));
            assertEquals(seen + 3, socket.awaitReady().getLong("seq"));

            long fourth = alice.add("Live again");
            JsonObject live = socket.next();
            assertEquals(seen + 4, live.getLong("seq"));
            assertEquals(fourth, live.getLong("todoId"));
            assertTrue(socket.isEmpty(), "nothing twice");
        }
    }

    @Test
    void aFirstResumeMessageReplaysWhatWasMissedInOrderAndASecondOneIsRefused() throws Exception {
        long seen = seqSeenLive("Seen live");
        long missed = alice.add("Missed");
        String missedCard = alice.card(missed);
        alice.deleteAll();

        try (LiveClient socket = LiveClient.connect(vertx, base, KeycloakTokens.accessToken("alice"))) {
            socket.send(new JsonObject().put("type", "resume").put("since", seen).encode());
            List<JsonObject> replay = List.of(socket.next(), socket.next());
            assertEquals(List.of(seen + 1, seen + 2), replay.stream().map(f -> f.getLong("seq")).toList());
            assertEquals(List.of("added", "cleared"), replay.stream().map(f -> f.getString("type")).toList());
            assertEquals(missedCard, replay.get(0).getString("html"));
            assertEquals(seen + 2, socket.awaitReady().getLong("seq"));

            alice.add("Live again");
            assertEquals(seen + 3, socket.next().getLong("seq"));
            assertTrue(socket.isEmpty(), "nothing twice");

            socket.send(new JsonObject().put("type", "resume").put("since", 0).encode());
            assertEquals("4400 resume must be the first message", socket.awaitClose(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aSocketWithoutSinceOrResumeMessageGoesLiveFromWhenItOpened() throws Exception {
        long before = alice.add("Before the socket");
        try (LiveClient socket = LiveClient.connect(vertx, base, KeycloakTokens.accessToken("alice"))) {
            long opened = socket.awaitReady().getLong("seq");
            long after = alice.add("After the socket");
            JsonObject live = socket.next();
            assertEquals(opened + 1, live.getLong("seq"));
            assertEquals(after, live.getLong("todoId"));
            assertTrue(before != after && socket.isEmpty());
        }
    }

    @Test
    void aClientAheadOfTheServerOrWithAnUnreadableSeqGetsTheWholeListAfresh() throws Exception {
        long id = alice.add("Still here");
        for (String since : List.of("999999999", "abc")) {
            try (LiveClient socket = LiveClient.resume(vertx, base, "alice", since)) {
                JsonObject reset = socket.next();
                assertEquals("reset", reset.getString("type"));
                assertTrue(reset.getString("html").contains(alice.card(id).strip()), reset.getString("html"));
                assertTrue(reset.getString("html").strip().startsWith("<ul class=\"todo-list\">"));
                assertEquals(reset.getLong("seq"), socket.awaitReady().getLong("seq"));
            }
        }
    }

    @Test
    void aGapOlderThanTheRetainedChangesGetsTheWholeListInsteadOfAReplay() throws Exception {
        long seen = seqSeenLive("Before the gap");
        // Each Delete All is a change; 100 are retained in tests, pruned every 64.
        for (int i = 0; i < 170; i++) {
            alice.deleteAll();
        }
        long survivor = alice.add("After the gap");
        try (LiveClient socket = LiveClient.resume(vertx, base, "alice", String.valueOf(seen))) {
            JsonObject reset = socket.next();
            assertEquals("reset", reset.getString("type"));
            assertEquals(seen + 171, reset.getLong("seq"));
            assertTrue(reset.getString("html").contains(alice.card(survivor).strip()));
            assertTrue(!reset.getString("html").contains("Before the gap"));
            assertEquals(seen + 171, socket.awaitReady().getLong("seq"));
        }
    }

    /** Adds a todo while one of alice's sockets is open; the number that socket saw. */
    private long seqSeenLive(String text) throws Exception {
        try (LiveClient socket = LiveClient.open(vertx, base, "alice")) {
            alice.add(text);
            return socket.next().getLong("seq");
        }
    }

    @Test
    void socketsWithoutTokenAreRefused() {
        assertThrows(Exception.class, () -> LiveClient.anonymous(vertx, base).close());
    }
}
