package dev.orrery.todo;

import static dev.orrery.todo.ManagementInterface.management;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.todo.author.Author;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Publishes real events to the launcher's RabbitMQ cluster (through HAProxy) and watches the author copy. */
@QuarkusTest
class ProfileEventConsumerTest {

    private static final String DEAD_LETTERS = "todo-test.profile-events.v2.dlq";
    private static Connection connection;
    private static Channel channel;

    @BeforeAll
    static void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        connection.close();
    }

    private static void publish(String messageId, byte[] body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").messageId(messageId).deliveryMode(2).build();
        channel.basicPublish(exchange(), ProfileUpdated.ROUTING_KEY, props, body);
        channel.waitForConfirmsOrDie(5_000);
    }

    /** The test profile's own exchange (orrery.profile.test), so test events never reach another environment. */
    private static String exchange() {
        return ConfigProvider.getConfig().getValue("mp.messaging.incoming.profile-events.exchange.name", String.class);
    }

    private static void publish(ProfileUpdated event) throws Exception {
        publish(event.eventId(), JsonObject.mapFrom(event).put("occurredAt", event.occurredAt().toString())
                .encode().getBytes(StandardCharsets.UTF_8));
    }

    private static ProfileUpdated event(String userId, String name, long version) {
        return event(UUID.randomUUID().toString(), userId, name, version);
    }

    private static ProfileUpdated event(String eventId, String userId, String name, long version) {
        return new ProfileUpdated(ProfileUpdated.SCHEMA, eventId, userId, name,
                "/api/profile/avatar/" + userId, "daylight", version, Instant.now());
    }

    private static Author author(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> Author.findById(userId));
    }

    /** The queue is FIFO with one consumer: once a later marker event is applied, everything before it was handled. */
    private static void awaitEverythingBeforeHandled() throws Exception {
        String marker = "test-" + UUID.randomUUID();
        publish(event(marker, "Marker", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(marker) != null);
    }

    @Test
    void profileEventFromTheBrokerUpdatesTheAuthorCopy() throws Exception {
        String userId = "test-" + UUID.randomUUID();
        publish(event(userId, "Ada", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(userId) != null);
        assertEquals("Ada", author(userId).displayName);
    }

    @Test
    void theSharedContractSampleIsConsumed() throws Exception {
        String userId = "test-" + UUID.randomUUID();
        String sample;
        try (InputStream in = ProfileUpdated.class.getClassLoader().getResourceAsStream(ProfileUpdated.SAMPLE_RESOURCE)) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String eventId = UUID.randomUUID().toString();
        // Only the identifiers change, so the payload stays valid against the schema the sample is tested with.
        String payload = sample.replace("sample-user-0001", userId).replace("0b7f3c2e-6a0e-4d0c-9b1e-2f8d7a1c5e42", eventId);
        publish(eventId, payload.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(userId) != null);
        assertEquals("Ada <b>Lovelace</b> & Co", author(userId).displayName);
        assertEquals("nightfall", author(userId).styleGuide);
        assertEquals(3, author(userId).version);
    }

    @Test
    void olderEventNeverOverwritesNewerOne() throws Exception {
        String userId = "test-" + UUID.randomUUID();
        publish(event(userId, "Newer", 5));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(userId) != null);
        publish(event(userId, "Older", 4));
        awaitEverythingBeforeHandled();
        assertEquals("Newer", author(userId).displayName);
        assertEquals(5, author(userId).version);
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String userId = "test-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        publish(event(eventId, userId, "Once", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> author(userId) != null);
        Instant appliedAt = author(userId).updatedAt;
        publish(event(eventId, userId, "Once", 1));
        // Even a redelivery carrying a higher version is recognised by its id and changes nothing.
        publish(event(eventId, userId, "Twice", 2));
        awaitEverythingBeforeHandled();
        assertEquals("Once", author(userId).displayName);
        assertEquals(1, author(userId).version);
        assertEquals(appliedAt, author(userId).updatedAt);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueAfterBoundedTries() throws Exception {
        String poisonId = "poison-" + UUID.randomUUID();
        publish(poisonId, "{\"schema\": 99, \"surprise\": true".getBytes(StandardCharsets.UTF_8));
        GetResponse dead = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> takeDeadLetter(poisonId), r -> r != null);
        assertNotNull(dead);
        // The consumer goes on with the next event.
        awaitEverythingBeforeHandled();
    }

    @Test
    void deadLettersAreVisibleInReadiness() throws Exception {
        String poisonId = "poison-" + UUID.randomUUID();
        publish(poisonId, "{\"schema\": 99}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Object depth = management().get("/q/health/ready").then().extract()
                    .path("checks.find { it.name == 'profile-events dead letters' }.data.deadLettered");
            return depth instanceof Number n && n.longValue() > 0;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> takeDeadLetter(poisonId), r -> r != null);
    }

    /** Takes (and acknowledges) the dead letter with that message id; puts back any other one found on the way. */
    private static GetResponse takeDeadLetter(String messageId) throws Exception {
        try (Channel ch = connection.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(DEAD_LETTERS, false)) != null) {
                if (messageId.equals(r.getProps().getMessageId())) {
                    ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
                    return r;
                }
                ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
                ch.basicPublish("", DEAD_LETTERS, r.getProps(), r.getBody());
            }
            return null;
        }
    }
}
