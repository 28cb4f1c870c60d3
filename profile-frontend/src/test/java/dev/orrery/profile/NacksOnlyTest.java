package dev.orrery.profile;

import static dev.orrery.profile.ManagementInterface.management;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.profile.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A broker that answers every publish with a nack, for real: the test exchange's only queue is a full quorum queue
 * with {@code x-overflow=reject-publish}. After {@code nacks-only-limit} of nothing but nacks the relay reopens its
 * connection (counted) and readiness is DOWN; the row stays pending; once the broker takes messages again the row is
 * sent and readiness is UP.
 */
@QuarkusTest
@TestProfile(NacksOnlyTest.RejectingBroker.class)
class NacksOnlyTest {

    static final String EXCHANGE = "orrery.profile.test-nacks";
    static final String QUEUE = "profile-test.nacks-full";

    public static class RejectingBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.profile-events.exchange.name", EXCHANGE,
                    "profile.broker.nacks-only-limit", "PT2S",
                    "profile.outbox.initial-backoff", "PT0.2S",
                    "profile.outbox.max-backoff", "PT0.5S");
        }
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        return factory.newConnection();
    }

    private static double metric(String name) {
        String body = management().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static OutboxEvent row(String name) {
        return QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>find("payload like ?1", "%" + name + "%").firstResult());
    }

    @Test
    void onlyNacksReopenTheConnectionAndTakeReadinessDownUntilAConfirm() throws Exception {
        String name = "Alice " + UUID.randomUUID().toString().substring(0, 6);
        try (Connection admin = connect(); Channel ch = admin.createChannel()) {
            ch.exchangeDeclare(EXCHANGE, "topic", true);
            ch.queueDelete(QUEUE);
            ch.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum", "x-max-length", 1,
                    "x-overflow", "reject-publish"));
            ch.queueBind(QUEUE, EXCHANGE, ProfileUpdated.ROUTING_KEY);
            ch.confirmSelect();
            // Fill it until the broker refuses (a quorum queue may take one message past its limit first).
            boolean refused = false;
            for (int i = 0; i < 5 && !refused; i++) {
                ch.basicPublish("", QUEUE, null, "filler".getBytes());
                refused = !ch.waitForConfirms(5000);
            }
            assertTrue(refused, "the full queue makes the broker nack");
            Profiles.userId("alice");
            double reconnectsBefore = metric("orrery_profile_broker_reconnects_total");

            Profiles.put("alice", name, "daylight", "UTC").statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> management().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'profile-events outbox' }.status", is("DOWN"))
                    .body("checks.find { it.name == 'profile-events outbox' }.data.state", is("nacks-only")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> metric("orrery_profile_broker_reconnects_total") > reconnectsBefore);
            assertTrue(metric("orrery_profile_events_nacked_total") >= 2, "the broker nacked, for real");
            assertNull(row(name).sentAt, "the row stays pending (it, or an older row holding it back, is nacked)");

            ch.queueDelete(QUEUE);
        } finally {
            try (Connection admin = connect(); Channel ch = admin.createChannel()) {
                ch.queueDelete(QUEUE);
            }
        }
        // Unroutable now, so the broker confirms: the row is sent and readiness comes back.
        await().atMost(Duration.ofSeconds(20)).until(() -> row(name).sentAt != null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'profile-events outbox' }.data.state", is("ok")));
    }

    @AfterEach
    void resetAlice() {
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
        PendingOutbox.awaitNone();
    }
}
