package dev.orrery.ha.load;

import dev.orrery.ha.client.ReliablePublisher;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A steady stream of user actions: one event every 1/rate seconds, each with a unique id. */
public final class SteadyLoad implements AutoCloseable {

    private final ReliablePublisher publisher;
    private final FlowLedger ledger;
    private final String run;
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ha-load");
        t.setDaemon(true);
        return t;
    });

    public SteadyLoad(ReliablePublisher publisher, FlowLedger ledger, String run) {
        this.publisher = publisher;
        this.ledger = ledger;
        this.run = run;
    }

    public SteadyLoad start(int perSecond) {
        ticker.scheduleAtFixedRate(this::publishOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return this;
    }

    private void publishOne() {
        String id = run + "-" + sequence.incrementAndGet();
        byte[] body = ("{\"id\":\"" + id + "\",\"kind\":\"todo-changed\"}").getBytes(StandardCharsets.UTF_8);
        ledger.published(id);
        publisher.publish(id, body).thenRun(() -> ledger.confirmed(id));
    }

    public void stop() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() { ticker.shutdownNow(); }
}
