package dev.orrery.deploy.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.orrery.deploy.render.KubeObject;
import tools.jackson.databind.JsonNode;

/**
 * Every Deployment has a PodDisruptionBudget selecting its pods, and runs at least two replicas,
 * so a node drain never takes the last pod (and a minAvailable: 1 budget never blocks the drain).
 */
final class DisruptionBudgetPerDeployment implements Policy {

    @Override
    public List<String> violations(List<KubeObject> objects) {
        List<KubeObject> budgets = objects.stream().filter(o -> o.is("PodDisruptionBudget")).toList();
        List<String> violations = new ArrayList<>();
        for (KubeObject deployment : objects.stream().filter(o -> o.is("Deployment")).toList()) {
            JsonNode podLabels = deployment.spec().path("template").path("metadata").path("labels");
            if (budgets.stream().noneMatch(pdb -> pdb.namespace().equals(deployment.namespace())
                    && selects(pdb.spec().path("selector").path("matchLabels"), podLabels))) {
                violations.add(deployment.describe() + ": no PodDisruptionBudget selects its pods");
            }
            if (deployment.spec().path("replicas").asInt(1) < 2) {
                violations.add(deployment.describe() + ": runs fewer than 2 replicas, so any disruption is an outage");
            }
        }
        return violations;
    }

    private static boolean selects(JsonNode matchLabels, JsonNode podLabels) {
        return !matchLabels.isEmpty() && matchLabels.properties().stream()
                .allMatch((Map.Entry<String, JsonNode> label) -> podLabels.path(label.getKey()).asString("")
                        .equals(label.getValue().asString()));
    }
}
