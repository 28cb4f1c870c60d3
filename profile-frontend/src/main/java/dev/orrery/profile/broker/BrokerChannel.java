package dev.orrery.profile.broker;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.orrery.profile.config.ProfileConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The relay's one publishing channel, in confirm mode, opened on first use and reopened (with a new connection) after
 * any failure. Used from the relay's single thread; the methods are synchronized for shutdown and health.
 */
@ApplicationScoped
class BrokerChannel {

    private static final Logger LOG = Logger.getLogger(BrokerChannel.class);

    private final ProfileConfig.Broker config;
    private final PublishMetrics metrics;
    private final ConnectionFactory factory;
    private Connection connection;
    private Channel channel;
    private boolean everOpened;
    /** When the last connection shut down (for whatever reason), by System.nanoTime(); null before the first. */
    private volatile Long lostAt;

    BrokerChannel(ProfileConfig config, PublishMetrics metrics) {
        this.config = config.broker();
        this.metrics = metrics;
        this.factory = BrokerAddresses.factory(this.config);
    }

    synchronized Channel open() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        close();
        waitAfterLoss();
        connection = factory.newConnection(BrokerAddresses.parse(config.addresses()), "profile-frontend outbox relay");
        connection.addShutdownListener(cause -> lostAt = System.nanoTime());
        channel = connection.createChannel();
        channel.confirmSelect();
        channel.exchangeDeclare(config.exchange(), "topic", true);
        if (everOpened) {
            metrics.reconnected();
            LOG.infof("outbox relay reconnected to %s", connection.getAddress());
        }
        everOpened = true;
        return channel;
    }

    /** Drops the connection; the next {@link #open()} makes a new one (a fresh channel on a fresh connection). */
    synchronized void reopen(String why) {
        LOG.warnf("reopening the outbox relay's broker connection: %s", why);
        close();
    }

    /** Sleeps (on the relay's own thread) until the minimum reconnect delay since the last connection was lost. */
    private void waitAfterLoss() {
        if (lostAt == null) {
            return;
        }
        long waitNanos = lostAt + config.minReconnectDelay().toNanos() - System.nanoTime();
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String exchange() {
        return config.exchange();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        close();
    }

    private synchronized void close() {
        if (connection != null) {
            try {
                connection.close(1000);
            } catch (Exception e) {
                // already gone
            }
        }
        connection = null;
        channel = null;
    }
}
