package dev.orrery.ha.bench;

import dev.orrery.ha.apply.EventApplier;
import dev.orrery.ha.apply.EventDatabase;
import dev.orrery.ha.client.BrokerAddresses;
import dev.orrery.ha.client.EventTopology;
import dev.orrery.ha.client.HaMessagingClient;
import dev.orrery.ha.cluster.FaultCluster;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event throughput through the services' real path on the fault-test cluster: publish with
 * confirms -> quorum queue -> consume -> apply in PostgreSQL with de-dup in one transaction ->
 * ack. At most 1000 events are in flight (published, not yet applied), so no backlog builds up
 * in the broker (a backlog would trip the nodes' memory alarm). Prints the applied rate.
 *
 * <p>Arguments: seconds (default 30), consumer channels (default 4), addresses (default: the
 * three nodes).
 */
public final class ThroughputBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        BrokerAddresses addresses = args.length > 2 ? BrokerAddresses.parse(args[2]) : FaultCluster.DIRECT;
        FaultCluster cluster = FaultCluster.fromEnvironment();
        EventDatabase db = new EventDatabase("ha_bench").reset();
        EventTopology topology = new EventTopology("bench.events", "bench.events", 5);
        cluster.recreate(topology);

        AtomicLong applied = new AtomicLong();
        List<EventApplier> appliers = new ArrayList<>();
        Semaphore window = new Semaphore(1000);
        byte[] body = "{\"kind\":\"todo-changed\",\"todo\":{\"id\":1,\"text\":\"bench\",\"done\":false}}"
                .getBytes(StandardCharsets.UTF_8);
        try (HaMessagingClient client = new HaMessagingClient(addresses, FaultCluster.USER, FaultCluster.PASSWORD,
                topology, channels, () -> {
                    try {
                        EventApplier a = new EventApplier(db, id -> {
                            applied.incrementAndGet();
                            window.release();
                        });
                        synchronized (appliers) { appliers.add(a); }
                        return a;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, cluster.management()).start()) {
            if (!client.awaitConnected(java.time.Duration.ofSeconds(20))) throw new IllegalStateException("not connected");
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
            long warmEnd = t0 + TimeUnit.SECONDS.toNanos(3);
            long appliedAtWarm = -1;
            long n = 0;
            while (System.nanoTime() < end) {
                if (appliedAtWarm < 0 && System.nanoTime() >= warmEnd) appliedAtWarm = applied.get();
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) continue;
                client.publisher().publish("b-" + (++n), body);
            }
            long appliedAtEnd = applied.get();
            double measured = (seconds - 3);
            var c = client.counters();
            System.out.printf("orrery-path: %d s, %d consumer channels, published %d, confirmed %d, applied %d%n",
                    seconds, channels, c.publishes.sum(), c.confirms.sum(), appliedAtEnd);
            System.out.printf("orrery-path: confirmed rate %.0f msg/s, applied rate (after 3 s warm-up) %.0f msg/s%n",
                    c.confirms.sum() / (double) seconds, (appliedAtEnd - Math.max(0, appliedAtWarm)) / measured);
            System.out.printf("orrery-path-rate %.0f%n", (appliedAtEnd - Math.max(0, appliedAtWarm)) / measured);
        } finally {
            for (EventApplier a : appliers) a.close();
            cluster.delete(topology);
        }
    }
}
