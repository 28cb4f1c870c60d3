package dev.orrery.ha.cluster;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.orrery.ha.client.BrokerAddresses;
import dev.orrery.ha.client.EventTopology;
import dev.orrery.ha.health.ManagementApi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dedicated fault-test cluster of {@code ./orrery fault-cluster}: three nodes rmqf1..3
 * (AMQP 5691-5693, management 15691-15693) behind haproxy-fa (5690) and haproxy-fb (5689).
 * Never the shared cluster.
 */
public final class FaultCluster {

    public static final String USER = "orrery";
    public static final String PASSWORD = "orrery";
    public static final BrokerAddresses PROXIES = BrokerAddresses.parse("127.0.0.1:5690,127.0.0.1:5689");
    public static final BrokerAddresses DIRECT = BrokerAddresses.parse("127.0.0.1:5691,127.0.0.1:5692,127.0.0.1:5693");

    private final Path root;

    public FaultCluster(Path root) { this.root = root; }

    /** The repository root: system property orrery.root, ORRERY_HOME, or the nearest dir with ./orrery. */
    public static FaultCluster fromEnvironment() {
        String root = System.getProperty("orrery.root", System.getenv("ORRERY_HOME"));
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("orrery").toFile().canExecute()) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("cannot find the ./orrery launcher");
        return new FaultCluster(dir);
    }

    public ManagementApi management() {
        return new ManagementApi(List.of(15691, 15692, 15693), USER, PASSWORD);
    }

    /** Deletes and declares the topology anew (empty queues, a fresh leader). */
    public void recreate(EventTopology topology) throws IOException, TimeoutException {
        try (Connection c = admin()) {
            topology.recreate(c);
        }
    }

    /** Deletes the topology's queues (a left-over backlog would weigh on the nodes' memory). */
    public void delete(EventTopology topology) throws IOException, TimeoutException {
        try (Connection c = admin(); var ch = c.createChannel()) {
            topology.delete(ch);
        }
    }

    private static Connection admin() throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        f.setUsername(USER);
        f.setPassword(PASSWORD);
        return f.newConnection(DIRECT.list(), "orrery-ha-admin");
    }

    /**
     * Starts whatever part of the cluster is down and waits until all of it is up. Tried twice: RabbitMQ 3.10.8
     * nodes booting at the same moment sometimes crash while syncing feature flags
     * ({@code incompatible_feature_flags ... badmap undefined}); the launcher then stops what it started, and a
     * second start succeeds.
     */
    public Duration up() {
        try {
            return orrery(Duration.ofMinutes(4), "up");
        } catch (IllegalStateException first) {
            System.out.println("fault-cluster up failed (" + first.getMessage() + "); trying once more");
            return orrery(Duration.ofMinutes(4), "up");
        }
    }

    public Duration down() { return orrery(Duration.ofMinutes(2), "down"); }

    /** kill -9 of one part: rmqf1..3, haproxy-fa, haproxy-fb. */
    public void kill(String part) { orrery(Duration.ofSeconds(20), "kill", part); }

    public static int amqpPort(String node) {
        return 5690 + Integer.parseInt(node.replaceAll("\\D", ""));
    }

    /** "rmqf2@localhost" -> "rmqf2". */
    public static String shortName(String erlangNode) { return erlangNode.replaceFirst("@.*", ""); }

    private Duration orrery(Duration timeout, String... args) {
        long t0 = System.nanoTime();
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("orrery").toString(), "fault-cluster"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("fault-cluster", ".log");
            Process p = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean finished = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) p.destroyForcibly();
            Files.readAllLines(out).forEach(line -> System.out.println("    | " + line));
            Files.deleteIfExists(out);
            if (!finished) throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
