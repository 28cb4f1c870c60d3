package dev.orrery.deploy.policy;

import java.util.List;
import java.util.Set;

import dev.orrery.deploy.render.KubeObject;
import tools.jackson.databind.JsonNode;

/**
 * A rollout must never take a serving pod away before its replacement is ready: RollingUpdate with
 * maxUnavailable 0. Kubernetes' defaults (25%) and Recreate both allow unavailability.
 */
final class ZeroUnavailableRollout implements Policy {

    private static final Set<String> ZERO = Set.of("0", "0%");

    @Override
    public List<String> violations(List<KubeObject> objects) {
        return objects.stream().filter(o -> o.is("Deployment")).filter(ZeroUnavailableRollout::allowsUnavailability)
                .map(d -> d.describe() + ": rollout may make pods unavailable (strategy "
                        + d.spec().path("strategy") + "); use RollingUpdate with maxUnavailable: 0")
                .toList();
    }

    private static boolean allowsUnavailability(KubeObject deployment) {
        JsonNode strategy = deployment.spec().path("strategy");
        boolean rolling = strategy.path("type").asString("RollingUpdate").equals("RollingUpdate");
        JsonNode maxUnavailable = strategy.path("rollingUpdate").path("maxUnavailable");
        return !rolling || maxUnavailable.isMissingNode() || !ZERO.contains(maxUnavailable.asString());
    }
}
