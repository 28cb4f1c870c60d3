package dev.orrery.ha.client;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps one AMQP connection open over a list of addresses: tries them in order, reconnects with
 * backoff when the connection dies, and reopens it on request (the cure for a channel that nacks
 * forever). The client library's own recovery is off: it would reuse the poisoned channel.
 */
public final class ConnectionKeeper implements AutoCloseable {

    /** What runs on every (re)connection, e.g. opening channels and consumers. */
    public interface Session {
        void opened(Connection connection) throws Exception;

        void lost();
    }

    private static final Logger LOG = Logger.getLogger(ConnectionKeeper.class.getName());

    private final String name;
    private final BrokerAddresses addresses;
    private final ConnectionFactory factory;
    private final MessagingCounters counters;
    private final Session session;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final ScheduledExecutorService scheduler;
    private volatile Connection connection;
    private volatile boolean closed;
    private volatile long lostAtNanos;
    private boolean everConnected;
    private int next;

    public ConnectionKeeper(String name, BrokerAddresses addresses, String user, String password,
                            MessagingCounters counters, Session session) {
        this.name = name;
        this.addresses = addresses;
        this.counters = counters;
        this.session = session;
        this.factory = new ConnectionFactory();
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(2000);
        factory.setHandshakeTimeout(3000);
        factory.setRequestedHeartbeat(5);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ha-keeper-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() { scheduler.execute(this::connect); }

    /**
     * One delivery thread per consumer channel. The Java client's default pool has 2 × cores threads (4 here), so
     * with more channels than that, channels whose handler waits on PostgreSQL queue behind each other.
     */
    public void dispatchThreads(int threads) {
        factory.setSharedExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ha-deliveries-" + name);
            t.setDaemon(true);
            return t;
        }));
    }

    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /** Nanos since the connection was lost, or 0 while connected. */
    public long disconnectedNanos() { return isConnected() ? 0 : System.nanoTime() - lostAtNanos; }

    /** Close the current connection and open a fresh one (after the usual backoff). */
    public void reopen(String reason) {
        scheduler.execute(() -> {
            Connection c = connection;
            if (c != null && c.isOpen()) {
                LOG.info(() -> name + ": reopening the connection (" + reason + ")");
                c.abort(1000);
            }
        });
    }

    private void connect() {
        if (closed || isConnected()) return;
        for (int i = 0; i < addresses.size(); i++) {
            var address = addresses.get(next + i);
            Connection c = null;
            try {
                c = factory.newConnection(List.of(address), "orrery-ha-" + name);
                Connection opened = c;
                c.addShutdownListener(cause -> lost(opened, cause));
                connection = c;
                session.opened(c);
                next += i;
                backoff.reset();
                if (everConnected) counters.reconnects.increment();
                everConnected = true;
                LOG.fine(() -> name + ": connected to " + address);
                return;
            } catch (Exception e) {
                LOG.fine(() -> name + ": " + address + " failed: " + e);
                connection = null;
                if (c != null) c.abort(500);
            }
        }
        retryLater();
    }

    private void lost(Connection c, ShutdownSignalException cause) {
        if (c != connection) return;
        connection = null;
        lostAtNanos = System.nanoTime();
        session.lost();
        if (closed) return;
        next++;   // the next attempt starts with the next address
        LOG.info(() -> name + ": connection lost (" + cause.getMessage() + "), reconnecting");
        retryLater();
    }

    private void retryLater() {
        if (!closed) scheduler.schedule(this::connect, backoff.nextMillis(), TimeUnit.MILLISECONDS);
    }

    public ScheduledExecutorService scheduler() { return scheduler; }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        Connection c = connection;
        if (c != null) c.abort(1000);
    }
}
