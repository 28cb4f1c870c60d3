package dev.orrery.deploy.policy;

import java.util.List;

import dev.orrery.deploy.render.KubeObject;

/** Quorum queues need a majority: three brokers survive the loss of one. The operator's default is 1. */
final class BrokerReplicas implements Policy {

    static final int MINIMUM = 3;

    @Override
    public List<String> violations(List<KubeObject> objects) {
        return objects.stream().filter(o -> o.is("RabbitmqCluster"))
                .filter(broker -> broker.spec().path("replicas").asInt(1) < MINIMUM)
                .map(broker -> broker.describe() + ": " + broker.spec().path("replicas").asInt(1)
                        + " replica(s); the broker needs at least " + MINIMUM)
                .toList();
    }
}
