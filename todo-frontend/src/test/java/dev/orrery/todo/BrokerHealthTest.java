package dev.orrery.todo;

import static dev.orrery.todo.ManagementInterface.management;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With one of three nodes unreachable (a closed port stands in for it; the shared cluster is never touched) the
 * instance stays ready and says DEGRADED. OK and DOWN: {@code messaging.BrokerNodesHealthCheckTest}.
 */
@QuarkusTest
@TestProfile(BrokerHealthTest.OneNodeOfThreeGone.class)
class BrokerHealthTest {

    public static class OneNodeOfThreeGone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("todo.broker.nodes", "127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:1");
        }
    }

    @Test
    void aMajorityOfNodesIsUpButDegraded() {
        management().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'broker cluster nodes' }.status", org.hamcrest.Matchers.is("UP"))
                .body("checks.find { it.name == 'broker cluster nodes' }.data.state", org.hamcrest.Matchers.is("DEGRADED"))
                .body("checks.find { it.name == 'broker cluster nodes' }.data.unreachable", org.hamcrest.Matchers.is("127.0.0.1:1"));
    }
}
