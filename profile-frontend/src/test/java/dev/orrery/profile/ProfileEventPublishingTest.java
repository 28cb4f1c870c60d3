package dev.orrery.profile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
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

    private PublishedEvents received;

    @BeforeEach
    void listen() throws Exception {
        received = new PublishedEvents(mapper);
    }

    @AfterEach
    void close() throws Exception {
        received.close();
    }

    @Test
    void aChangeIsPublishedWithConfirmsAndMatchesTheContract() throws Exception {
        String userId = Profiles.userId("alice");
        String name = "Alice " + UUID.randomUUID().toString().substring(0, 6);
        long version = ((Number) Profiles.put("alice", name, "contrast", "Europe/Berlin").statusCode(200)
                .extract().path("version")).longValue();

        Delivery delivery = received.nextFor(userId);
        JsonNode json = mapper.readTree(delivery.getBody());
        Set<ValidationMessage> problems = PublishedEvents.schema(ProfileUpdated.SCHEMA).validate(json);
        assertTrue(problems.isEmpty(), problems::toString);

        ProfileUpdated event = mapper.treeToValue(json, ProfileUpdated.class);
        assertEquals(name, event.displayName());
        assertEquals("contrast", event.styleGuide());
        assertEquals(version, event.version());
        assertEquals(ProfileUpdated.SCHEMA, event.schema(), "emits the current schema by default");
        assertEquals("Europe/Berlin", event.timeZone(), "schema 2 carries the time zone");
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
        Delivery d = received.poll(2);
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
}
