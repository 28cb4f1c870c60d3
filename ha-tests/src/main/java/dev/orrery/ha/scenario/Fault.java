package dev.orrery.ha.scenario;

import dev.orrery.ha.cluster.FaultCluster;
import dev.orrery.ha.health.ManagementApi;

/** Something to kill -9 in the fault cluster; healing is always {@code ./orrery fault-cluster up}. */
public interface Fault {

    /** Kills the target and returns its name. */
    String inject(FaultCluster cluster, ManagementApi api, String queue);

    static Fault killQueueLeader() {
        return (cluster, api, queue) -> {
            String node = FaultCluster.shortName(api.queueLeader(queue)
                    .orElseThrow(() -> new IllegalStateException("no leader known for " + queue)));
            cluster.kill(node);
            return node + " (leader of " + queue + ")";
        };
    }

    static Fault killProxy(String name) {
        return (cluster, api, queue) -> {
            cluster.kill(name);
            return name;
        };
    }
}
