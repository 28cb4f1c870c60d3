package dev.orrery.profile.broker;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.orrery.profile.config.ProfileConfig;

/**
 * The broker side of one more profile-frontend instance in a test: its own connection and confirm channel, as another
 * process has, so that several relays can run against the same database and broker.
 */
public final class InstanceBroker implements AutoCloseable {

    private final BrokerChannel channel;
    private final BrokerPublisher publisher;

    public InstanceBroker(ProfileConfig config, PublishMetrics metrics) {
        channel = new BrokerChannel(config, metrics);
        publisher = new BrokerPublisher(channel, metrics, new NacksOnlyWatch(), config);
    }

    public BrokerPublisher publisher() {
        return publisher;
    }

    /** An instance that never gets to publish: each publish runs {@code instead} (which may block), then fails. */
    public static BrokerPublisher stuck(ProfileConfig config, PublishMetrics metrics, Callable<?> instead) {
        return new BrokerPublisher(null, metrics, new NacksOnlyWatch(), config) {
            @Override
            public void publishConfirmed(String eventId, String routingKey, String payload, Duration timeout)
                    throws Exception {
                instead.call();
                throw new IllegalStateException("this instance died before publishing " + eventId);
            }
        };
    }

    @Override
    public void close() {
        channel.reopen("test instance stopped");
    }
}
