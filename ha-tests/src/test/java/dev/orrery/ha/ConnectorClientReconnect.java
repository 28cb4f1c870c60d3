package dev.orrery.ha;

import dev.orrery.ha.apply.EventApplier;
import dev.orrery.ha.apply.EventDatabase;
import dev.orrery.ha.client.EventTopology;
import dev.orrery.ha.client.HaMessagingClient;
import dev.orrery.ha.cluster.FaultCluster;
import dev.orrery.ha.load.FlowLedger;
import dev.orrery.ha.load.SteadyLoad;
import io.vertx.core.Vertx;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The experiment behind docs/ha.md "What the services must do": a consumer on the Vert.x
 * RabbitMQ client configured exactly as the SmallRye connector configures it (addresses,
 * reconnect-attempts, reconnect-interval 2 s, no automatic recovery), its node killed -9 under
 * load: does it reconnect and consume again, by itself?
 */
final class ConnectorClientReconnect {

    record Outcome(String killedNode, long appliedBeforeKill, Duration resumedAfter, long appliedAtEnd,
                   long confirmed, int missing, int twice) { }

    static Outcome run(FaultCluster cluster, EventDatabase db, EventTopology topology) throws Exception {
        db.reset();
        cluster.recreate(topology);
        FlowLedger ledger = new FlowLedger();
        Vertx vertx = Vertx.vertx();
        RabbitMQOptions options = new RabbitMQOptions()
                .setAddresses(FaultCluster.DIRECT.list())
                .setUser(FaultCluster.USER).setPassword(FaultCluster.PASSWORD)
                .setReconnectAttempts(100000).setReconnectInterval(2000)   // connector: reconnect-interval=2 (s)
                .setAutomaticRecoveryEnabled(false)
                .setConnectionTimeout(3000).setHandshakeTimeout(5000).setRequestedHeartbeat(10)
                .setConnectionName("orrery-ha-vertx-consumer");
        RabbitMQClient client = RabbitMQClient.create(vertx, options);
        try (EventApplier applier = new EventApplier(db, ledger::applied);
             HaMessagingClient producer = new HaMessagingClient(FaultCluster.PROXIES, FaultCluster.USER,
                     FaultCluster.PASSWORD, topology, 0, () -> applier, cluster.management()).start()) {
            client.start().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            client.basicConsumer(topology.queue(), new QueueOptions().setAutoAck(false))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS)
                    .handler(message -> vertx.executeBlocking(() -> {
                        applier.apply(message.properties().getMessageId(), message.body().getBytes());
                        return null;
                    }, true).onComplete(done -> {
                        if (done.succeeded()) client.basicAck(message.envelope().getDeliveryTag(), false);
                        else client.basicNack(message.envelope().getDeliveryTag(), false, true);
                    }));
            SteadyLoad load = new SteadyLoad(producer.publisher(), ledger, "vertx").start(100);
            Thread.sleep(4000);

            String node = connectionNode(cluster, "orrery-ha-vertx-consumer");
            long before = ledger.appliedCount();
            long killedAt = System.nanoTime();
            cluster.kill(node);
            long end = killedAt + Duration.ofSeconds(30).toNanos();
            while (ledger.appliedCount() <= before + 50 && System.nanoTime() < end) Thread.sleep(50);
            Duration resumed = Duration.ofNanos(System.nanoTime() - killedAt);
            cluster.up();
            load.stop();
            long drainEnd = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((producer.publisher().unconfirmedCount() > 0 || ledger.appliedCount() < ledger.confirmedIds().size())
                    && System.nanoTime() < drainEnd) Thread.sleep(100);
            var confirmed = ledger.confirmedIds();
            var effects = db.effectCounts();
            int missing = (int) confirmed.stream().filter(id -> !effects.containsKey(id)).count();
            int twice = (int) effects.values().stream().filter(n -> n > 1).count();
            return new Outcome(node, before, resumed, ledger.appliedCount(), confirmed.size(), missing, twice);
        } finally {
            client.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The node a named client connection is on, from the management API. */
    private static String connectionNode(FaultCluster cluster, String name) throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            var connections = cluster.management().get("/connections");
            if (connections.isPresent()) {
                for (var c : connections.get()) {
                    if (name.equals(c.path("client_properties").path("connection_name").asText())) {
                        return FaultCluster.shortName(c.path("node").asText());
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("management API lists no connection " + name);
    }

    private ConnectorClientReconnect() { }
}
