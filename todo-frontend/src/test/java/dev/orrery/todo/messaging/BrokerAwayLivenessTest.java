package dev.orrery.todo.messaging;

import static dev.orrery.todo.ManagementInterface.management;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The broker goes away from a running, connected instance (its only address is a TCP relay to the real HAProxy, then
 * closed): liveness and readiness stay UP — on Kubernetes a broker outage must not restart or unlist healthy pods —
 * while wellness shows the channels disconnected; when the address answers again they reconnect.
 */
@QuarkusTest
@TestProfile(BrokerAwayLivenessTest.RelayedBroker.class)
class BrokerAwayLivenessTest {

    static final int PORT = freePort();

    public static class RelayedBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rabbitmq-addresses", "127.0.0.1:" + PORT);
        }
    }

    @Inject
    ChannelWatches watches;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBrokerOutageLeavesLivenessAndReadinessUpAndShowsInWellness() throws Exception {
        try (TcpRelay broker = new TcpRelay(PORT, 5680)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> management().get("/q/health/ready").statusCode() == 200);
        }
        ChannelWatch profileEvents = watches.of("profile-events").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> !profileEvents.connected());
        // The client retries every 2 s meanwhile; several rounds of probes during the outage.
        for (int i = 0; i < 5; i++) {
            management().get("/q/health/live").then().statusCode(200);
            management().get("/q/health/ready").then().statusCode(200);
            management().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'broker channels' }.data.'profile-events'",
                            startsWith("disconnected"));
            Thread.sleep(1_000);
        }

        try (TcpRelay broker = new TcpRelay(PORT, 5680)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> management().get("/q/health/well").then().extract()
                    .path("checks.find { it.name == 'broker channels' }.data.'todo-changes'").toString()
                    .startsWith("connected"));
            management().get("/q/health/well").then()
                    .body("checks.find { it.name == 'broker channels' }.data.'profile-events'", startsWith("connected"))
                    .body("checks.find { it.name == 'broker cluster nodes' }.status", is("UP"));
        }
    }
}
