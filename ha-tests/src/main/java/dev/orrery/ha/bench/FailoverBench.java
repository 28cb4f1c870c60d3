package dev.orrery.ha.bench;

import dev.orrery.ha.apply.EventDatabase;
import dev.orrery.ha.client.BrokerAddresses;
import dev.orrery.ha.client.EventTopology;
import dev.orrery.ha.cluster.FaultCluster;
import dev.orrery.ha.scenario.FailoverScenario;
import dev.orrery.ha.scenario.Fault;
import dev.orrery.ha.scenario.ScenarioResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Repeated kill -9 of the queue leader under a steady stream (each run: kill, restart, drain),
 * alternating proxy and direct mode. Prints every run and the distribution of recovery times
 * and the redeliveries absorbed by de-dup. Argument: number of kills (default 5).
 */
public final class FailoverBench {

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        FailoverScenario scenario = new FailoverScenario(FaultCluster.fromEnvironment(),
                new EventDatabase("ha_bench"), new EventTopology("bench.failover", "bench.failover", 5));
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 1; i <= kills; i++) {
            boolean direct = i % 2 == 0;
            BrokerAddresses addresses = direct ? FaultCluster.DIRECT : FaultCluster.PROXIES;
            ScenarioResult r = scenario.run("kill-" + i + (direct ? "-direct" : "-haproxy"), addresses, direct,
                    Fault.killQueueLeader());
            System.out.println(r.report());
            results.add(r);
        }
        long[] recovery = results.stream().mapToLong(r -> r.recovery().toMillis()).sorted().toArray();
        long lost = results.stream().mapToLong(r -> r.confirmedButMissing().size()).sum();
        long twice = results.stream().mapToLong(r -> r.appliedTwice().size()).sum();
        System.out.println("===== failover benchmark: " + kills + " leader kills at " + FailoverScenario.RATE_PER_SECOND + " msg/s");
        System.out.printf("recovery ms: min %d, median %d, max %d, all %s%n", recovery[0],
                recovery[recovery.length / 2], recovery[recovery.length - 1], java.util.Arrays.toString(recovery));
        System.out.printf("first confirm of a new message ms: %s%n",
                results.stream().map(r -> r.firstNewConfirm().toMillis()).toList());
        System.out.printf("restart of the killed node ms: %s%n", results.stream().map(r -> r.restart().toMillis()).toList());
        System.out.printf("duplicates absorbed by de-dup: %s (total %d); redeliveries: %s; republishes counted in counters%n",
                results.stream().map(ScenarioResult::duplicatesSkipped).toList(),
                results.stream().mapToLong(ScenarioResult::duplicatesSkipped).sum(),
                results.stream().map(ScenarioResult::redeliveries).toList());
        System.out.printf("confirmed but lost: %d, applied twice: %d%n", lost, twice);
    }
}
