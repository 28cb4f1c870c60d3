package dev.orrery.todo.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes of changes to {@code orrery.todo.changes}, and the broker's confirms and nacks of them. */
@ApplicationScoped
@Identifier("todo-changes-out")
public class CountedChangesOut implements OutgoingInterceptor {

    private final Counter published;
    private final Counter confirmed;
    private final Counter nacked;

    CountedChangesOut(MeterRegistry registry) {
        MessagingCounters counters = new MessagingCounters(registry, "todo-changes-out");
        published = counters.counter("published", "messages handed to the broker");
        confirmed = counters.counter("confirmed", "publishes the broker confirmed");
        nacked = counters.counter("nacked", "publishes the broker refused or that failed");
    }

    @Override
    public Message<?> beforeMessageSend(Message<?> message) {
        published.increment();
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        confirmed.increment();
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        nacked.increment();
    }
}
