package dev.orrery.profile.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.ConnectionFactory;

/** Against the launcher's real cluster (nodes 5681–5683, HAProxy 5680/5679), with closed ports standing for dead nodes. */
class BrokerReachabilityTest {

    private final BrokerReachability reachability = new BrokerReachability(factory());

    private static ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        factory.setConnectionTimeout(2000);
        factory.setHandshakeTimeout(2000);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /** A port nothing listens on: bound once by the OS, then released. */
    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private BrokerReachability.Result probe(String... hostPorts) {
        return reachability.probe(BrokerAddresses.parse(List.of(hostPorts)));
    }

    @Test
    void everyNodeReachableIsUp() {
        BrokerReachability.Result result = probe("127.0.0.1:5681", "127.0.0.1:5682", "127.0.0.1:5683");
        assertEquals(3, result.reachable());
        assertEquals(BrokerReachability.Verdict.UP, result.verdict());
    }

    @Test
    void aMajorityOfNodesIsDegraded() throws IOException {
        BrokerReachability.Result result = probe("127.0.0.1:5681", "127.0.0.1:5682", closedPort());
        assertEquals(2, result.reachable());
        assertEquals(BrokerReachability.Verdict.DEGRADED, result.verdict());
    }

    @Test
    void withoutAMajorityItIsDown() throws IOException {
        BrokerReachability.Result result = probe("127.0.0.1:5681", closedPort(), closedPort());
        assertEquals(1, result.reachable());
        assertEquals(BrokerReachability.Verdict.DOWN, result.verdict());
        assertEquals(BrokerReachability.Verdict.DOWN, probe(closedPort()).verdict());
    }

    @Test
    void oneOfTwoProxiesIsDegraded() throws IOException {
        assertEquals(BrokerReachability.Verdict.DEGRADED, probe("127.0.0.1:5680", closedPort()).verdict());
        assertEquals(BrokerReachability.Verdict.UP, probe("127.0.0.1:5680", "127.0.0.1:5679").verdict());
    }

    @Test
    void aPortThatTakesTcpButSpeaksNoAmqpIsNotReachable() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            BrokerReachability.Result result = probe("127.0.0.1:5681", "127.0.0.1:" + silent.getLocalPort());
            assertEquals(1, result.reachable());
        }
    }
}
