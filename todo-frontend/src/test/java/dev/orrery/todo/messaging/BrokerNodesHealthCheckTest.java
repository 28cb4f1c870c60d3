package dev.orrery.todo.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Probes the launcher's real nodes (5681-5683); closed ports stand in for lost nodes. */
class BrokerNodesHealthCheckTest {

    @Test
    void everyNodeReachableIsUpAndOk() {
        HealthCheckResponse response = check("127.0.0.1:5681", "127.0.0.1:5682", "127.0.0.1:5683");
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("OK", response.getData().orElseThrow().get("state"));
    }

    @Test
    void withoutAMajorityItIsDown() {
        HealthCheckResponse response = check("127.0.0.1:5681", "127.0.0.1:1", "127.0.0.1:2");
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("NO_MAJORITY", response.getData().orElseThrow().get("state"));
        assertEquals("1/3", response.getData().orElseThrow().get("reachable"));
    }

    private static HealthCheckResponse check(String... nodes) {
        return new BrokerNodesHealthCheck(List.of(nodes), 500).call();
    }
}
