package dev.orrery.ha.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes with confirms and keeps every message until the broker confirmed it: across a lost
 * connection, a nack or a confirm timeout it reopens the connection and republishes what is
 * unconfirmed (in publish order). Republishing may duplicate a message that the broker had
 * stored: consumers de-duplicate by message id.
 */
public final class ReliablePublisher implements ConnectionKeeper.Session, AutoCloseable {

    private static final class Pending {
        final String id;
        final byte[] body;
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();
        long sentNanos;

        Pending(String id, byte[] body) {
            this.id = id;
            this.body = body;
        }
    }

    private final String exchange;
    private final String routingKey;
    private final Duration confirmTimeout;
    private final MessagingCounters counters;
    private final ConnectionKeeper keeper;
    private final Object lock = new Object();
    private final Map<String, Pending> unconfirmed = new LinkedHashMap<>();
    private final TreeMap<Long, Pending> inFlight = new TreeMap<>();
    private Channel channel;

    public ReliablePublisher(String name, BrokerAddresses addresses, String user, String password,
                             String exchange, String routingKey, Duration confirmTimeout,
                             MessagingCounters counters) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.confirmTimeout = confirmTimeout;
        this.counters = counters;
        this.keeper = new ConnectionKeeper(name, addresses, user, password, counters, this);
    }

    public ReliablePublisher start() {
        keeper.start();
        keeper.scheduler().scheduleWithFixedDelay(this::checkConfirmTimeout, 250, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    public ConnectionKeeper keeper() { return keeper; }

    /** Completes when the broker confirmed the message (possibly after republishing). */
    public CompletableFuture<Void> publish(String messageId, byte[] body) {
        Pending p = new Pending(messageId, body);
        synchronized (lock) {
            unconfirmed.put(messageId, p);
            counters.publishes.increment();
            if (channel != null) send(channel, p);
        }
        return p.confirmed;
    }

    public int unconfirmedCount() {
        synchronized (lock) { return unconfirmed.size(); }
    }

    @Override
    public void opened(Connection connection) throws Exception {
        Channel ch = connection.createChannel();
        ch.confirmSelect();
        ch.addConfirmListener((seq, multiple) -> confirmed(ch, seq, multiple),
                (seq, multiple) -> nacked(ch));
        ch.addShutdownListener(cause -> {
            if (!cause.isHardError()) keeper.reopen("channel closed: " + cause.getMessage());
        });
        synchronized (lock) {
            channel = ch;
            inFlight.clear();
            for (Pending p : new ArrayList<>(unconfirmed.values())) {
                counters.republishes.increment();
                send(ch, p);
            }
        }
    }

    @Override
    public void lost() {
        synchronized (lock) {
            channel = null;
            inFlight.clear();
        }
    }

    private void send(Channel ch, Pending p) {
        long seq = ch.getNextPublishSeqNo();
        inFlight.put(seq, p);
        p.sentNanos = System.nanoTime();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .messageId(p.id).deliveryMode(2).contentType("application/json").build();
        try {
            ch.basicPublish(exchange, routingKey, props, p.body);
        } catch (Exception e) {
            // the connection is going away: the message stays unconfirmed and goes out again
        }
    }

    private void confirmed(Channel ch, long seq, boolean multiple) {
        List<Pending> done = new ArrayList<>();
        synchronized (lock) {
            if (ch != channel) return;
            Map<Long, Pending> acked = multiple ? inFlight.headMap(seq, true) : inFlight.subMap(seq, true, seq, true);
            for (Pending p : acked.values()) {
                if (unconfirmed.remove(p.id) != null) done.add(p);
            }
            acked.clear();
        }
        for (Pending p : done) {
            counters.confirms.increment();
            p.confirmed.complete(null);
        }
    }

    private void nacked(Channel ch) {
        synchronized (lock) {
            if (ch != channel) return;
            channel = null;   // publish nothing more on it
        }
        counters.nacks.increment();
        keeper.reopen("nack");
    }

    private void checkConfirmTimeout() {
        synchronized (lock) {
            if (channel == null || inFlight.isEmpty()) return;
            if (System.nanoTime() - inFlight.firstEntry().getValue().sentNanos < confirmTimeout.toNanos()) return;
            channel = null;
        }
        counters.confirmTimeouts.increment();
        keeper.reopen("confirm timeout");
    }

    @Override
    public void close() { keeper.close(); }
}
