package dev.orrery.todo.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.todo.author.Author;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * The profile-events consumer's connection is closed by the broker (as when its node dies) while deliveries of it
 * are still unacknowledged in the pipeline. Their acks must not reach the new channel — the broker would answer
 * PRECONDITION_FAILED "unknown delivery tag", close that channel too, and the consumer would reconnect again and
 * again while old deliveries last (the connector acks on its client's current channel). Bounded in reconnects, not in
 * time: one forced close costs one reconnect, and every event is applied once.
 */
@QuarkusTest
class StaleDeliveryAckTest {

    private static final int EVENTS = 1000;
    private static final String MANAGEMENT = "http://127.0.0.1:15681/api";
    private static final String QUEUE = "todo-test.profile-events.v2";

    @Inject
    ChannelWatches watches;

    @Inject
    MeterRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acksOfTheDeadConnectionAreDroppedSoOneCloseCostsOneReconnect() throws Exception {
        String prefix = "stale-" + UUID.randomUUID() + "-";
        ChannelWatch watch = watches.of("profile-events").orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(watch::consumedOnce);
        long reconnectsBefore = watch.reconnects();
        double droppedBefore = staleAcksDropped();

        publish(prefix);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> applied(prefix) >= 50);
        long appliedAtClose = applied(prefix);
        closeConsumerConnection();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> applied(prefix) == EVENTS);
        long reconnects = watch.reconnects() - reconnectsBefore;
        double dropped = staleAcksDropped() - droppedBefore;
        System.out.printf("stale-delivery test: closed at %d/%d applied; reconnects %d; stale acks dropped %.0f%n",
                appliedAtClose, EVENTS, reconnects, dropped);
        assertTrue(appliedAtClose < EVENTS, "the connection must close while deliveries are in flight");
        assertEquals(1, reconnects, "one forced close, one reconnect (no PRECONDITION_FAILED loop)");
        assertTrue(dropped > 0, "deliveries of the closed connection were acked after the close (the defect's cause)");
        assertEquals(EVENTS, processedEvents(prefix), "every event recorded once");
    }

    private void publish(String prefix) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        String exchange = ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.profile-events.exchange.name", String.class);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < EVENTS; i++) {
                ProfileUpdated event = new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(),
                        prefix + i, "User " + i, "/api/profile/avatar/" + prefix + i, "daylight", 1, Instant.now());
                byte[] body = JsonObject.mapFrom(event).put("occurredAt", event.occurredAt().toString()).encode()
                        .getBytes(StandardCharsets.UTF_8);
                channel.basicPublish(exchange, ProfileUpdated.ROUTING_KEY, new AMQP.BasicProperties.Builder()
                        .contentType("application/json").messageId(event.eventId()).deliveryMode(2).build(), body);
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    /** Closes the connection of the queue's consumer (this test's instance) through the management API. */
    private void closeConsumerConnection() throws Exception {
        // The management statistics lag behind the broker by a few seconds.
        JsonArray consumers = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> new JsonObject(get("/queues/%2F/" + QUEUE).body()).getJsonArray("consumer_details"),
                        found -> found != null && !found.isEmpty());
        assertEquals(1, consumers.size(), "this instance is the queue's only consumer");
        String name = consumers.getJsonObject(0).getJsonObject("channel_details").getString("connection_name");
        HttpResponse<String> closed = http.send(request("/connections/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Reason", "StaleDeliveryAckTest").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, closed.statusCode(), closed.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(MANAGEMENT + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("orrery:orrery".getBytes(StandardCharsets.UTF_8)));
    }

    private double staleAcksDropped() {
        return registry.get("orrery.messaging.stale-acks-dropped").tag("channel", "profile-events").counter().count();
    }

    private static long applied(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> Author.count("userId like ?1", prefix + "%"));
    }

    private static long processedEvents(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Author.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE user_id LIKE ?1")
                .setParameter(1, prefix + "%").getSingleResult()).longValue());
    }
}
