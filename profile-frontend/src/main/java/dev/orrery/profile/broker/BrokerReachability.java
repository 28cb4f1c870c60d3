package dev.orrery.profile.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * How many of the configured broker addresses accept an AMQP connection right now (a TCP connect alone would count a
 * proxy without live nodes). Probes all addresses at once.
 */
final class BrokerReachability {

    enum Verdict { UP, DEGRADED, DOWN }

    record Result(int reachable, int configured) {

        /**
         * UP with every address, DEGRADED with at least half of them (2 of 3 nodes keep the quorum queues' majority;
         * 1 of 2 proxies still reaches the cluster), DOWN below that.
         */
        Verdict verdict() {
            if (configured > 0 && reachable == configured) {
                return Verdict.UP;
            }
            return configured > 0 && 2 * reachable >= configured ? Verdict.DEGRADED : Verdict.DOWN;
        }
    }

    private final ConnectionFactory factory;

    BrokerReachability(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** One short-lived thread per address, so dead addresses cost one connect timeout in all, not one each. */
    Result probe(List<Address> addresses) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, addresses.size()));
        try {
            List<CompletableFuture<Boolean>> probes = addresses.stream()
                    .map(a -> CompletableFuture.supplyAsync(() -> accepts(a), threads)).toList();
            int reachable = (int) probes.stream().filter(CompletableFuture::join).count();
            return new Result(reachable, addresses.size());
        } finally {
            threads.shutdown();
        }
    }

    private boolean accepts(Address address) {
        try (Connection c = factory.newConnection(List.of(address), "profile-frontend health probe")) {
            return c.isOpen();
        } catch (Exception e) {
            return false;
        }
    }
}
