package dev.orrery.ha.health;

import dev.orrery.ha.client.BrokerAddresses;
import dev.orrery.ha.client.ConnectionKeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * The health a service reports for its messaging: DOWN only when the cluster has lost its
 * majority (quorum queues stop), DEGRADED while a node is missing or a connection is being
 * re-established or one of the addresses the client knows (a proxy, a node) does not answer,
 * UP otherwise.
 */
public final class MessagingHealth {

    private final ManagementApi api;
    private final BrokerAddresses addresses;
    private final List<ConnectionKeeper> connections;

    public MessagingHealth(ManagementApi api, BrokerAddresses addresses, List<ConnectionKeeper> connections) {
        this.api = api;
        this.addresses = addresses;
        this.connections = List.copyOf(connections);
    }

    public Health check() {
        int running = api.runningNodes();
        int size = api.clusterSize();
        if (running < size / 2 + 1) return Health.DOWN;
        boolean allConnected = connections.stream().allMatch(ConnectionKeeper::isConnected);
        return running == size && allConnected && allAddressesAnswer() ? Health.UP : Health.DEGRADED;
    }

    private boolean allAddressesAnswer() {
        for (var a : addresses.list()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a.getHost(), a.getPort()), 300);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
