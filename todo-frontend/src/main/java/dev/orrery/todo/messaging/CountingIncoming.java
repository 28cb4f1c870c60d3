package dev.orrery.todo.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/** Deliveries on one incoming channel: received, redelivered by the broker, acknowledged, failed (nacked). */
abstract class CountingIncoming implements IncomingInterceptor {

    private final Counter received;
    private final Counter redelivered;
    private final Counter acked;
    private final Counter failed;

    CountingIncoming(MeterRegistry registry, String channel) {
        MessagingCounters counters = new MessagingCounters(registry, channel);
        received = counters.counter("received", "messages delivered by the broker");
        redelivered = counters.counter("redelivered", "deliveries the broker marked as redelivered");
        acked = counters.counter("acked", "messages processed and acknowledged");
        failed = counters.counter("failed", "messages whose processing failed (requeued or dead-lettered)");
    }

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        received.increment();
        if (message.getMetadata(IncomingRabbitMQMetadata.class).map(IncomingRabbitMQMetadata::isRedeliver)
                .orElse(false)) {
            redelivered.increment();
        }
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        acked.increment();
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        failed.increment();
    }
}
