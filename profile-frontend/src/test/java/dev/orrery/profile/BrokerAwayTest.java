package dev.orrery.profile;

import static dev.orrery.profile.ManagementInterface.management;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orrery.profile.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The broker unreachable: profile changes are still accepted and their events wait in the outbox; when the broker's
 * address answers again (a TCP relay to the real HAProxy, started late), every event is sent, in order, none lost.
 */
@QuarkusTest
@TestProfile(BrokerAwayTest.LateBroker.class)
class BrokerAwayTest {

    static final int PORT = freePort();

    public static class LateBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("profile.broker.addresses", "127.0.0.1:" + PORT,
                    "profile.outbox.max-backoff", "PT1S",
                    "profile.broker.probe-cache-for", "PT0S");
        }
    }

    @Inject
    ObjectMapper mapper;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutboxEvent row(String name) {
        return QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>find("payload like ?1", "%" + name + "%").firstResult());
    }

    @Test
    void eventsWaitInTheOutboxAndAreAllSentWhenTheBrokerReturns() throws Exception {
        String userId = Profiles.userId("bob");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add("Bob away " + i + " " + UUID.randomUUID().toString().substring(0, 4));
            Profiles.put("bob", names.get(i), "daylight", "UTC").statusCode(200);
        }
        management().get("/q/health/ready").then().statusCode(200); // still takes changes: they wait in the outbox
        management().get("/q/health/live").then().statusCode(200); // no broker check in liveness: a restart would not help
        management().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'profile-events broker' }.status", is("DOWN"))
                .body("checks.find { it.name == 'profile-events broker' }.data.reachable", is(0));
        Thread.sleep(2000);
        for (String name : names) {
            assertNull(row(name).sentAt, name + " pending while the broker is away");
        }
        assertTrue(row(names.get(0)).attempts >= 1, "the relay kept trying");

        try (PublishedEvents published = new PublishedEvents(mapper); TcpRelay broker = new TcpRelay(PORT, 5680)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> names.stream().allMatch(n -> row(n).sentAt != null));
            List<String> received = new ArrayList<>();
            while (received.size() < names.size()) {
                JsonNode event = mapper.readTree(published.nextFor(userId).getBody());
                if (names.contains(event.path("displayName").asText())) {
                    received.add(event.path("displayName").asText());
                }
            }
            assertEquals(names, received, "every event, in order");
            management().get("/q/health/well").then()
                    .body("checks.find { it.name == 'profile-events broker' }.data.state", is("UP"));
            Profiles.put("bob", "Bob Builder", "daylight", "UTC").statusCode(200);
            PendingOutbox.awaitNone();
        }
    }
}
