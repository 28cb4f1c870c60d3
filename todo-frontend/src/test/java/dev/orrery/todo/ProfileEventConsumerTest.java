package dev.orrery.todo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.todo.author.Author;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Publishes real events to the launcher's RabbitMQ cluster (through HAProxy) and watches the author copy. */
@QuarkusTest
class ProfileEventConsumerTest {

    private static void publish(ProfileUpdated event) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            byte[] body = JsonObject.mapFrom(event).put("occurredAt", event.occurredAt().toString())
                    .encode().getBytes(StandardCharsets.UTF_8);
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").messageId(event.eventId()).deliveryMode(2).build();
            channel.basicPublish(ProfileUpdated.EXCHANGE, ProfileUpdated.ROUTING_KEY, props, body);
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private static ProfileUpdated event(String userId, String name, long version) {
        return new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), userId, name,
                "/api/profile/avatar/" + userId, "daylight", version, Instant.now());
    }

    private static Author author(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> Author.findById(userId));
    }

    @Test
    void profileEventFromTheBrokerUpdatesTheAuthorCopy() throws Exception {
        String userId = "test-" + UUID.randomUUID();
        publish(event(userId, "Ada", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(userId) != null);
        assertEquals("Ada", author(userId).displayName);
    }

    @Test
    void olderEventNeverOverwritesNewerOne() throws Exception {
        String userId = "test-" + UUID.randomUUID();
        publish(event(userId, "Newer", 5));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(userId) != null);
        publish(event(userId, "Older", 4));
        // The queue is FIFO with one consumer: once the marker is applied, the older event has been handled.
        String marker = "test-" + UUID.randomUUID();
        publish(event(marker, "Marker", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(marker) != null);
        assertEquals("Newer", author(userId).displayName);
        assertEquals(5, author(userId).version);
    }
}
