package dev.orrery.todo.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.orrery.todo.config.TodoConfig;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The broker cluster from this instance: every node reachable is {@code OK}; a majority (the quorum queues still
 * work) stays UP with {@code state: DEGRADED}; without a majority DOWN.
 * <p>
 * A wellness check ({@code /q/health/well}, part of {@code /q/health}), never readiness: without a broker the todo
 * API, the pages and this instance's own live sockets still work, and taking every instance out of the balancer
 * during a broker outage (or one instance during its consumer's reconnect) would turn a stale-feed problem into an
 * outage of the site's main content.
 */
@Wellness
@ApplicationScoped
public class BrokerNodesHealthCheck implements HealthCheck {

    private final List<String> nodes;
    private final int timeoutMillis;

    @Inject
    BrokerNodesHealthCheck(TodoConfig config) {
        this(config.broker().nodes(), (int) config.broker().probeTimeout().toMillis());
    }

    BrokerNodesHealthCheck(List<String> nodes, int timeoutMillis) {
        this.nodes = nodes;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public HealthCheckResponse call() {
        List<CompletableFuture<Boolean>> probes = nodes.stream()
                .map(node -> CompletableFuture.supplyAsync(() -> reachable(node))).toList();
        List<String> down = IntStream.range(0, nodes.size()).filter(i -> !probes.get(i).join())
                .mapToObj(nodes::get).toList();
        int up = nodes.size() - down.size();
        String state = down.isEmpty() ? "OK" : up * 2 > nodes.size() ? "DEGRADED" : "NO_MAJORITY";
        return HealthCheckResponse.named("broker cluster nodes").status(up * 2 > nodes.size())
                .withData("state", state).withData("reachable", up + "/" + nodes.size())
                .withData("unreachable", String.join(",", down)).build();
    }

    private boolean reachable(String node) {
        int colon = node.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.substring(0, colon).strip(),
                    Integer.parseInt(node.substring(colon + 1).strip())), timeoutMillis);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
