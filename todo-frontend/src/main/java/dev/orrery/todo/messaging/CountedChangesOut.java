package dev.orrery.todo.messaging;

import java.time.Duration;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.orrery.todo.config.TodoConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes of changes to {@code orrery.todo.changes}, and the broker's confirms and nacks of them. Nothing but nacks
 * for longer than {@code todo.broker.nacks-only-limit} reopens the channel's connection (the connector cannot be told
 * to; {@link ChannelWatch#dropConnection()} makes its client reconnect as after a network failure).
 */
@ApplicationScoped
@Identifier("todo-changes-out")
public class CountedChangesOut implements OutgoingInterceptor {

    private static final Logger LOG = Logger.getLogger(CountedChangesOut.class);

    private final Counter published;
    private final Counter confirmed;
    private final Counter nacked;
    private final Counter nacksOnlyReopens;
    private final NacksOnlyWatch nacksOnly = new NacksOnlyWatch();
    private final ChannelWatches watches;
    private final Duration nacksOnlyLimit;

    CountedChangesOut(MeterRegistry registry, ChannelWatches watches, TodoConfig config) {
        this.watches = watches;
        this.nacksOnlyLimit = config.broker().nacksOnlyLimit();
        MessagingCounters counters = new MessagingCounters(registry, "todo-changes-out");
        published = counters.counter("published", "messages handed to the broker");
        confirmed = counters.counter("confirmed", "publishes the broker confirmed");
        nacked = counters.counter("nacked", "publishes the broker refused or that failed");
        nacksOnlyReopens = counters.counter("nacks-only-reopens",
                "connections reopened because publishes were only nacked for longer than the limit");
    }

    @Override
    public Message<?> beforeMessageSend(Message<?> message) {
        published.increment();
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        confirmed.increment();
        nacksOnly.confirmed();
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        nacked.increment();
        if (nacksOnly.nackedAndReopenDue(nacksOnlyLimit)
                && watches.of("todo-changes-out").map(ChannelWatch::dropConnection).orElse(false)) {
            nacksOnlyReopens.increment();
            LOG.warnf("todo-changes-out: only nacks for more than %s; connection reopened", nacksOnlyLimit);
        }
    }
}
