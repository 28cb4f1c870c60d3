package dev.orrery.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.orrery.contracts.event.ProfileUpdated;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** A ProfileUpdated event from the real broker re-renders the author's cards on her open sockets. */
@QuarkusTest
class AuthorLiveTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private final TodoClient alice = new TodoClient("alice");

    @Test
    void newAvatarReachesTheOpenTabsAsReRenderedCards() throws Exception {
        alice.deleteAll();
        long id = alice.add("Has an author");
        String userId = (String) ((java.util.Map<?, ?>) alice.list().get(0).get("author")).get("userId");
        String avatar = "/api/profile/avatar/" + userId + "?v=" + System.currentTimeMillis();
        try (LiveClient socket = LiveClient.open(vertx, base, "alice")) {
            sendProfileUpdated(new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), userId,
                    "Alice Liddell", avatar, "daylight", System.currentTimeMillis(), Instant.now()));
            JsonObject frame = nextCardFrame(socket);
            assertEquals("updated", frame.getString("type"));
            assertEquals(id, frame.getLong("todoId"));
            assertTrue(frame.getString("html").contains("<img class=\"todo-avatar\" src=\"" + avatar),
                    frame.getString("html"));
            assertEquals(alice.card(id), frame.getString("html"));
        }
    }

    @Test
    void newStyleGuideSwitchesTheOpenTabsOnceAndOnlyForItsUser() throws Exception {
        alice.deleteAll();
        alice.add("Styled");
        String userId = (String) ((java.util.Map<?, ?>) alice.list().get(0).get("author")).get("userId");
        long version = System.currentTimeMillis();
        try (LiveClient aliceSocket = LiveClient.open(vertx, base, "alice");
                LiveClient bobSocket = LiveClient.open(vertx, base, "bob")) {
            sendProfileUpdated(new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), userId,
                    "Alice Liddell", null, "nightfall", version, Instant.now()));
            JsonObject styled = aliceSocket.next();
            assertEquals("styled", styled.getString("type"));
            assertEquals("nightfall", styled.getString("html"));
            assertEquals("updated", aliceSocket.next().getString("type"));
            // the same style again switches nothing; an unknown name is never pushed
            sendProfileUpdated(new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), userId,
                    "Alice Liddell", null, "nightfall", version + 1, Instant.now()));
            assertEquals("updated", aliceSocket.next().getString("type"));
            sendProfileUpdated(new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), userId,
                    "Alice Liddell", null, "<script>", version + 2, Instant.now()));
            assertEquals("updated", aliceSocket.next().getString("type"));
            assertTrue(bobSocket.isEmpty(), "bob's socket saw alice's style change");
        } finally {
            sendProfileUpdated(new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), userId,
                    "Alice Liddell", null, "daylight", version + 3, Instant.now()));
        }
    }

    /** The next card frame; a style switch left over from another test's profile change is skipped. */
    private static JsonObject nextCardFrame(LiveClient socket) throws InterruptedException {
        JsonObject frame = socket.next();
        return "styled".equals(frame.getString("type")) ? socket.next() : frame;
    }

    private static void sendProfileUpdated(ProfileUpdated event) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://orrery:orrery@127.0.0.1:5680");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            byte[] body = JsonObject.mapFrom(event).put("occurredAt", event.occurredAt().toString()).encode()
                    .getBytes(StandardCharsets.UTF_8);
            // The test profile's own exchange (orrery.profile.test), see application.properties.
            String exchange = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("mp.messaging.incoming.profile-events.exchange.name", String.class);
            channel.basicPublish(exchange, ProfileUpdated.ROUTING_KEY, new AMQP.BasicProperties.Builder()
                    .contentType("application/json").messageId(event.eventId()).build(), body);
            channel.waitForConfirmsOrDie(5_000);
        }
    }
}
