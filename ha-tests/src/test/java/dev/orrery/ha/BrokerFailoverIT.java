package dev.orrery.ha;

import dev.orrery.ha.apply.EventApplier;
import dev.orrery.ha.apply.EventDatabase;
import dev.orrery.ha.client.EventTopology;
import dev.orrery.ha.client.HaMessagingClient;
import dev.orrery.ha.cluster.FaultCluster;
import dev.orrery.ha.cluster.FaultClusterLock;
import dev.orrery.ha.health.Health;
import dev.orrery.ha.scenario.Fault;
import dev.orrery.ha.scenario.FailoverScenario;
import dev.orrery.ha.scenario.ScenarioResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 under a steady stream of events, against the dedicated fault-test cluster that this
 * class starts and always stops (never the shared cluster): the queue leader in both connection
 * modes, then one HAProxy instance. Every confirmed event must be applied exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFailoverIT {

    private static final Duration LIVENESS_BOUND = Duration.ofSeconds(30);
    private static final FaultCluster CLUSTER = FaultCluster.fromEnvironment();
    private static final EventDatabase DATABASE = new EventDatabase("ha_test");
    private static final EventTopology TOPOLOGY = new EventTopology("ha.events", "ha.events", 3);
    private static final FailoverScenario SCENARIO = new FailoverScenario(CLUSTER, DATABASE, TOPOLOGY);

    private static FaultClusterLock lock;

    @BeforeAll
    static void startFaultCluster() throws Exception {
        lock = FaultClusterLock.acquire();
        System.out.println("fault-test cluster up in " + CLUSTER.up().toMillis() + " ms");
    }

    @AfterAll
    static void stopFaultCluster() throws Exception {
        try {
            CLUSTER.down();
        } finally {
            lock.close();
        }
    }

    @Test
    @Order(1)
    void queueLeaderKilledWhileClientsGoThroughBothProxies() throws Exception {
        assertSurvived(SCENARIO.run("leader-kill-via-haproxy", FaultCluster.PROXIES, false, Fault.killQueueLeader()));
    }

    @Test
    @Order(2)
    void queueLeaderKilledWhileClientsKnowEveryNodeAndSitOnTheLeader() throws Exception {
        assertSurvived(SCENARIO.run("leader-kill-direct", FaultCluster.DIRECT, true, Fault.killQueueLeader()));
    }

    @Test
    @Order(3)
    void oneHaproxyKilledWhileClientsUseIt() throws Exception {
        assertSurvived(SCENARIO.run("haproxy-kill", FaultCluster.PROXIES, false, Fault.killProxy("haproxy-fa")));
    }

    @Test
    @Order(4)
    void poisonMessageIsDeadLetteredAfterTheDeliveryLimitAndNeverApplied() throws Exception {
        DATABASE.reset();
        CLUSTER.recreate(TOPOLOGY);
        try (EventApplier applier = new EventApplier(DATABASE, id -> { });
             HaMessagingClient client = new HaMessagingClient(FaultCluster.DIRECT, FaultCluster.USER,
                     FaultCluster.PASSWORD, TOPOLOGY, 1, () -> applier, CLUSTER.management()).start()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(20)), "client connected");
            for (int i = 1; i <= 10; i++) client.publisher().publish("ok-" + i, "{}".getBytes(StandardCharsets.UTF_8));
            client.publisher().publish("poison-1", "{\"poison\":true}".getBytes(StandardCharsets.UTF_8)).get();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.deadLetters().ids().isEmpty() && System.nanoTime() < end) Thread.sleep(100);
            var counters = client.counters();
            System.out.println("===== poison message: dead letters " + client.deadLetters().ids() + "; " + counters);
            assertEquals(java.util.Set.of("poison-1"), client.deadLetters().ids(), "the poison message was dead-lettered");
            assertTrue(counters.handlerFailures.sum() >= TOPOLOGY.deliveryLimit(),
                    "delivered up to the delivery limit first: " + counters.handlerFailures);
            var effects = DATABASE.effectCounts();
            assertFalse(effects.containsKey("poison-1"), "the poison message never took effect");
            assertEquals(10, effects.size(), "the healthy messages took effect");
        }
    }

    @Test
    @Order(5)
    void theConnectorsVertxClientReconnectsAndConsumesAgainAfterItsNodeIsKilled() throws Exception {
        var o = ConnectorClientReconnect.run(CLUSTER, DATABASE, new EventTopology("ha.vertx", "ha.vertx", 3));
        System.out.println("===== Vert.x RabbitMQ client (SmallRye connector settings): killed " + o.killedNode()
                + " (its node); consuming again after " + o.resumedAfter().toMillis() + " ms; applied "
                + o.appliedAtEnd() + " of " + o.confirmed() + " confirmed; missing " + o.missing() + ", twice " + o.twice());
        assertTrue(o.resumedAfter().compareTo(LIVENESS_BOUND) < 0, "the Vert.x consumer consumed again by itself");
        assertEquals(0, o.missing(), "every confirmed event applied");
        assertEquals(0, o.twice(), "none applied twice");
    }

    private static void assertSurvived(ScenarioResult r) {
        System.out.println(r.report());
        assertTrue(r.confirmed() > 0, "events were confirmed");
        assertEquals(java.util.List.of(), r.confirmedButMissing(), "every confirmed event took effect");
        assertEquals(java.util.Map.of(), r.appliedTwice(), "no event took effect twice");
        assertTrue(r.recovery().compareTo(LIVENESS_BOUND) < 0,
                "messages flow again within " + LIVENESS_BOUND + " (target 5 s), took " + r.recovery().toMillis() + " ms");
        assertFalse(r.healthWhileDown().containsKey(Health.DOWN), "health never DOWN while a majority is up: " + r.healthWhileDown());
        assertEquals(Health.UP, r.healthAfter(), "health UP again after the restart");
        assertEquals(0, r.deadLetters(), "no healthy event dead-lettered");
    }
}
