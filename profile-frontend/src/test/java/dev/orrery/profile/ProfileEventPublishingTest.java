package dev.orrery.profile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.profile.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A profile change reaches the real broker (through HAProxy) as ProfileUpdated: persistent, JSON, message-id = event
 * id, valid against api-contracts' JSON Schema; its outbox row is marked sent only after the broker confirmed it.
 */
@QuarkusTest
class ProfileEventPublishingTest {

    @Inject
    ObjectMapper mapper;

    private Connection connection;
    private Channel channel;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        connection = factory.newConnection();
        channel = connection.createChannel();
        String exchange = ConfigProvider.getConfig().getValue("mp.messaging.outgoing.profile-events.exchange.name", String.class);
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, ProfileUpdated.ROUTING_KEY);
        channel.basicConsume(queue, true, (tag, delivery) -> received.add(delivery), tag -> {
        });
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private Delivery nextFor(String userId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Delivery d = received.poll(1, TimeUnit.SECONDS);
            if (d != null && mapper.readTree(d.getBody()).path("userId").asText().equals(userId)) {
                return d;
            }
        }
        throw new AssertionError("no ProfileUpdated for " + userId + " within 20 s");
    }

    @Test
    void aChangeIsPublishedWithConfirmsAndMatchesTheContract() throws Exception {
        String userId = Profiles.userId("alice");
        String name = "Alice " + UUID.randomUUID().toString().substring(0, 6);
        long version = ((Number) Profiles.put("alice", name, "contrast", "UTC").statusCode(200)
                .extract().path("version")).longValue();

        Delivery delivery = nextFor(userId);
        JsonNode json = mapper.readTree(delivery.getBody());
        Set<ValidationMessage> problems = schema().validate(json);
        assertTrue(problems.isEmpty(), problems::toString);

        ProfileUpdated event = mapper.treeToValue(json, ProfileUpdated.class);
        assertEquals(name, event.displayName());
        assertEquals("contrast", event.styleGuide());
        assertEquals(version, event.version());
        assertEquals(event.eventId(), delivery.getProperties().getMessageId());
        assertEquals("application/json", delivery.getProperties().getContentType());
        // With a content-encoding the consumers' connector would hand them bytes instead of JSON.
        assertEquals(null, delivery.getProperties().getContentEncoding());
        assertEquals(2, delivery.getProperties().getDeliveryMode());
        assertEquals(ProfileUpdated.ROUTING_KEY, delivery.getEnvelope().getRoutingKey());

        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(event.eventId()) != null);
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
    }

    @Test
    void aFailedValidationPublishesNothing() throws Exception {
        String userId = Profiles.userId("bob");
        Profiles.put("bob", "", "daylight", "UTC").statusCode(400);
        Delivery d = received.poll(2, TimeUnit.SECONDS);
        assertTrue(d == null || !mapper.readTree(d.getBody()).path("userId").asText().equals(userId),
                "nothing published for a rejected change");
    }

    private static java.time.Instant sentAt(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEvent row = OutboxEvent.find("eventId", eventId).firstResult();
            assertNotNull(row, "outbox row for " + eventId);
            return row.sentAt;
        });
    }

    private static JsonSchema schema() throws Exception {
        try (var in = ProfileUpdated.class.getClassLoader().getResourceAsStream(ProfileUpdated.SCHEMA_RESOURCE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
