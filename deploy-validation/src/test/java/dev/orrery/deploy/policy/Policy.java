package dev.orrery.deploy.policy;

import java.util.List;

import dev.orrery.deploy.render.KubeObject;

/** A rule every rendered folder must satisfy; each violation is one readable sentence. */
public interface Policy {

    List<String> violations(List<KubeObject> objects);

    static List<Policy> all() {
        return List.of(new ProbesRequired(), new ZeroUnavailableRollout(), new DisruptionBudgetPerDeployment(),
                new BrokerReplicas(), new NoCommittedSecrets(), new ManagementPortPrivate());
    }

    static List<String> violationsOfAll(List<KubeObject> objects) {
        return all().stream().flatMap(policy -> policy.violations(objects).stream()).toList();
    }
}
