package dev.orrery.todo;

import static dev.orrery.todo.ManagementInterface.management;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An instance that has never reached the broker (a closed port for every address) runs but is not ready, so a deploy
 * of it is abandoned; HealthTest shows the connected instance ready, BrokerHealthTest that later broker trouble stays
 * out of readiness.
 */
@QuarkusTest
@TestProfile(BrokerNeverReachedTest.NoBroker.class)
class BrokerNeverReachedTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rabbitmq-addresses", "127.0.0.1:1");
        }
    }

    @Test
    void notReadyBeforeTheBrokerWasReachedOnce() {
        management().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'broker channels connected once' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Database connections health check' }.status", is("UP"));
        // Alive all the same: restarting it would not bring the broker (docs/ha.md).
        management().get("/q/health/live").then().statusCode(200);
    }
}
