package dev.orrery.ha.client;

import dev.orrery.ha.health.Health;
import dev.orrery.ha.health.ManagementApi;
import dev.orrery.ha.health.MessagingHealth;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HA messaging client: a confirming publisher, an ack-after-commit consumer and a dead-letter
 * watcher on one event topology, each on its own connection over the same address list
 * (proxies or nodes), sharing one set of counters and one health verdict.
 */
public final class HaMessagingClient implements AutoCloseable {

    /**
     * A channel that neither confirms nor nacks for this long is reopened. Not shorter: on two
     * busy cores a quorum queue's confirms can lag seconds, and every reopen republishes.
     */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(8);

    private final MessagingCounters counters = new MessagingCounters();
    private final ReliablePublisher publisher;
    private final ReliableConsumer consumer;
    private final DeadLetterWatcher deadLetters;
    private final MessagingHealth health;

    public HaMessagingClient(BrokerAddresses addresses, String user, String password, EventTopology topology,
                             int consumerChannels, Supplier<DeliveryHandler> handlers, ManagementApi management) {
        this.publisher = new ReliablePublisher("publisher", addresses, user, password, topology.exchange(),
                topology.routingKey(), CONFIRM_TIMEOUT, counters);
        this.consumer = new ReliableConsumer("consumer", addresses, user, password, topology.queue(),
                consumerChannels, 100, handlers, counters);
        this.deadLetters = new DeadLetterWatcher("dead-letters", addresses, user, password,
                topology.deadLetterQueue(), counters);
        this.health = new MessagingHealth(management, addresses, List.of(publisher.keeper(), consumer.keeper()));
    }

    public HaMessagingClient start() {
        consumer.start();
        deadLetters.start();
        publisher.start();
        return this;
    }

    /** Waits (bounded) until publisher and consumer are connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (publisher.keeper().isConnected() && consumer.keeper().isConnected()) return true;
            Thread.sleep(50);
        }
        return false;
    }

    public ReliablePublisher publisher() { return publisher; }

    public MessagingCounters counters() { return counters; }

    public DeadLetterWatcher deadLetters() { return deadLetters; }

    public Health health() { return health.check(); }

    @Override
    public void close() {
        publisher.close();
        consumer.close();
        deadLetters.close();
    }
}
