package dev.orrery.todo.messaging;

import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * Deliveries on one incoming channel: received, redelivered by the broker, acknowledged, failed (nacked). Also the one
 * place every message of the channel passes, so it drops the ack or nack of a message whose AMQP channel closed since
 * it was delivered (see {@link DeliveryChannels}): counted as {@code stale-acks-dropped}.
 */
abstract class CountingIncoming implements IncomingInterceptor {

    private static final Logger LOG = Logger.getLogger(CountingIncoming.class);

    private final DeliveryChannels deliveries;
    private final String channel;
    private final Counter received;
    private final Counter redelivered;
    private final Counter acked;
    private final Counter failed;
    private final Counter staleDropped;

    CountingIncoming(MeterRegistry registry, DeliveryChannels deliveries, String channel) {
        this.deliveries = deliveries;
        this.channel = channel;
        MessagingCounters counters = new MessagingCounters(registry, channel);
        received = counters.counter("received", "messages delivered by the broker");
        redelivered = counters.counter("redelivered", "deliveries the broker marked as redelivered");
        acked = counters.counter("acked", "messages processed and acknowledged");
        failed = counters.counter("failed", "messages whose processing failed (requeued or dead-lettered)");
        staleDropped = counters.counter("stale-acks-dropped",
                "acks/nacks not sent because the message's channel had closed (the broker requeued it)");
    }

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        received.increment();
        if (message.getMetadata(IncomingRabbitMQMetadata.class).map(IncomingRabbitMQMetadata::isRedeliver)
                .orElse(false)) {
            redelivered.increment();
        }
        return message
                .withAckWithMetadata(metadata -> {
                    if (staleDelivery(message)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return message.ack(metadata).thenRun(acked::increment);
                })
                .withNackWithMetadata((reason, metadata) -> {
                    if (staleDelivery(message)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return message.nack(reason, metadata).thenRun(failed::increment);
                });
    }

    @Override
    public void onMessageAck(Message<?> message) {
        // counted in afterMessageReceive's ack, which knows whether the ack was sent
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        // counted in afterMessageReceive's nack, likewise
    }

    private boolean staleDelivery(Message<?> message) {
        if (!deliveries.deliveredOnClosedChannel(message)) {
            return false;
        }
        staleDropped.increment();
        LOG.debugf("%s: not acknowledging a delivery of a closed channel; the broker redelivers it", channel);
        return true;
    }
}
