package dev.orrery.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.orrery.deploy.policy.Policy;

/** Each policy catches the one thing its bad fixture breaks, and nothing in the valid fixture. */
class PolicyTest {

    @Test
    void theValidFixturePassesEveryPolicy() {
        assertEquals(List.of(), Policy.violationsOfAll(Fixtures.load("valid.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deployment-without-readiness-probe.yaml     | has no readinessProbe
            deployment-without-liveness-probe.yaml      | has no livenessProbe
            rollout-with-unavailability.yaml            | rollout may make pods unavailable
            rollout-with-default-strategy.yaml          | rollout may make pods unavailable
            rollout-recreate.yaml                       | rollout may make pods unavailable
            broker-with-one-replica.yaml                | the broker needs at least 3
            broker-without-replicas.yaml                | the broker needs at least 3
            committed-secret.yaml                       | carries secret values
            committed-secret-string-data.yaml           | carries secret values
            deployment-without-disruption-budget.yaml   | no PodDisruptionBudget selects its pods
            disruption-budget-selecting-other-pods.yaml | no PodDisruptionBudget selects its pods
            deployment-with-one-replica.yaml            | runs fewer than 2 replicas
            service-exposing-management-port.yaml       | exposes the management port
            probe-on-the-site-port.yaml                 | not on its management port
            """)
    void aBadFixtureFailsWithItsReason(String fixture, String reason) {
        List<String> violations = Policy.violationsOfAll(Fixtures.load("policy/" + fixture));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains(reason), violations.get(0));
        assertFalse(violations.get(0).isBlank());
    }
}
