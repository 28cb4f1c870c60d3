package dev.orrery.ha.scenario;

import dev.orrery.ha.apply.EventApplier;
import dev.orrery.ha.apply.EventDatabase;
import dev.orrery.ha.client.BrokerAddresses;
import dev.orrery.ha.client.EventTopology;
import dev.orrery.ha.client.HaMessagingClient;
import dev.orrery.ha.cluster.FaultCluster;
import dev.orrery.ha.health.Health;
import dev.orrery.ha.health.ManagementApi;
import dev.orrery.ha.load.FlowLedger;
import dev.orrery.ha.load.SteadyLoad;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One failover run: a steady stream of events through the HA messaging client (publish with
 * confirms, consume, apply in PostgreSQL with de-dup, ack), one kill -9 in the middle, a restart
 * of the killed part, then a drain and the exactly-once ledger from the database.
 */
public final class FailoverScenario {

    public static final int RATE_PER_SECOND = 100;
    private static final Duration WARM_UP = Duration.ofSeconds(4);
    private static final Duration DOWN_FOR = Duration.ofSeconds(8);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(3);
    private static final Duration DRAIN = Duration.ofSeconds(45);

    private final FaultCluster cluster;
    private final ManagementApi api;
    private final EventDatabase database;
    private final EventTopology topology;

    public FailoverScenario(FaultCluster cluster, EventDatabase database, EventTopology topology) {
        this.cluster = cluster;
        this.api = cluster.management();
        this.database = database;
        this.topology = topology;
    }

    /**
     * @param aimAtLeader direct mode: list the leader's node first, so the clients lose their
     *                    connection too (the worst case)
     */
    public ScenarioResult run(String name, BrokerAddresses addresses, boolean aimAtLeader, Fault fault)
            throws Exception {
        database.reset();
        cluster.recreate(topology);
        if (aimAtLeader) addresses = addresses.preferring(FaultCluster.amqpPort(leader()));
        FlowLedger ledger = new FlowLedger();
        List<EventApplier> appliers = new ArrayList<>();
        try (HaMessagingClient client = new HaMessagingClient(addresses, FaultCluster.USER, FaultCluster.PASSWORD,
                topology, 1, () -> applier(ledger, appliers), api).start()) {
            if (!client.awaitConnected(Duration.ofSeconds(20))) throw new IllegalStateException("client did not connect");
            SteadyLoad load = new SteadyLoad(client.publisher(), ledger, name).start(RATE_PER_SECOND);
            Thread.sleep(WARM_UP.toMillis());

            String killed = fault.inject(cluster, api, topology.queue());
            // after the command: kill -9 is the last thing it does (starting bash takes 0.1-0.3 s)
            long killedAt = System.nanoTime();
            Map<Health, Long> whileDown = sampleHealth(client, DOWN_FOR);
            Duration restart = cluster.up();
            Thread.sleep(AFTER_RESTART.toMillis());
            load.stop();
            long stoppedAt = System.nanoTime();

            drain(client, ledger);
            Health after = awaitHealth(client, Health.UP, Duration.ofSeconds(20));
            long statsUntil = Math.min(stoppedAt, killedAt + Duration.ofSeconds(20).toNanos());
            var counters = client.counters();
            Set<String> confirmed = ledger.confirmedIds();
            Map<String, Integer> effects = database.effectCounts();
            List<String> missing = confirmed.stream().filter(id -> !effects.containsKey(id)).sorted().toList();
            Map<String, Integer> twice = new TreeMap<>();
            effects.forEach((id, n) -> { if (n > 1) twice.put(id, n); });
            return new ScenarioResult(name, killed, ledger.publishedCount(), confirmed.size(),
                    effects.values().stream().mapToInt(Integer::intValue).sum(), missing, twice,
                    ledger.longestConfirmStall(killedAt, statsUntil), ledger.longestApplyStall(killedAt, statsUntil),
                    ledger.firstConfirmOfNewMessage(killedAt), restart, whileDown, after, counters.toString(),
                    counters.duplicatesSkipped.sum(), counters.redeliveries.sum(), counters.deadLetters.sum());
        } finally {
            for (EventApplier a : appliers) a.close();
        }
    }

    private EventApplier applier(FlowLedger ledger, List<EventApplier> appliers) {
        try {
            EventApplier a = new EventApplier(database, ledger::applied);
            synchronized (appliers) { appliers.add(a); }
            return a;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String leader() throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            var leader = api.queueLeader(topology.queue());
            if (leader.isPresent() && !leader.get().isBlank()) return FaultCluster.shortName(leader.get());
            Thread.sleep(250);
        }
        throw new IllegalStateException("management API names no leader for " + topology.queue());
    }

    private static Map<Health, Long> sampleHealth(HaMessagingClient client, Duration window) throws InterruptedException {
        Map<Health, Long> samples = new EnumMap<>(Health.class);
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            samples.merge(client.health(), 1L, Long::sum);
            Thread.sleep(250);
        }
        return samples;
    }

    private static Health awaitHealth(HaMessagingClient client, Health wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Health h = client.health();
        while (h != wanted && System.nanoTime() < end) {
            Thread.sleep(250);
            h = client.health();
        }
        return h;
    }

    /** Until every publish is confirmed and every confirmed message applied (bounded). */
    private static void drain(HaMessagingClient client, FlowLedger ledger) throws InterruptedException {
        long end = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < end) {
            if (client.publisher().unconfirmedCount() == 0 && ledger.appliedCount() >= ledger.confirmedIds().size()) return;
            Thread.sleep(100);
        }
    }
}
