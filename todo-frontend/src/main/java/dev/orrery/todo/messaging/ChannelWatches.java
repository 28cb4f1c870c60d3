package dev.orrery.todo.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.inject.Singleton;

/** Puts a {@link ChannelWatch} into every RabbitMQ channel's client as it is created, and keeps them by channel. */
@Singleton
public class ChannelWatches implements ClientCustomizer<RabbitMQOptions> {

    private static final Logger LOG = Logger.getLogger(ChannelWatches.class);

    private final DeliveryChannels deliveries;
    private final MeterRegistry registry;
    private final Map<String, ChannelWatch> byChannel = new ConcurrentHashMap<>();

    ChannelWatches(DeliveryChannels deliveries, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.registry = registry;
    }

    @Override
    public RabbitMQOptions customize(String channel, Config channelConfig, RabbitMQOptions options) {
        if (options.getMetricsCollector() != null) {
            LOG.warnf("channel %s already has a metrics collector: its connection is not watched", channel);
            return options;
        }
        ChannelWatch watch = byChannel.computeIfAbsent(channel, c -> new ChannelWatch(deliveries,
                new MessagingCounters(registry, c).counter("reconnects", "connections opened after the first one")));
        return options.setMetricsCollector(watch);
    }

    /** @return the channel's watch, once its client has been created */
    Optional<ChannelWatch> of(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }
}
