package dev.orrery.todo.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** One channel's counters, named {@code orrery.messaging.<event>} and tagged with the channel (docs/todo-frontend.md). */
final class MessagingCounters {

    private final MeterRegistry registry;
    private final String channel;

    MessagingCounters(MeterRegistry registry, String channel) {
        this.registry = registry;
        this.channel = channel;
    }

    Counter counter(String event, String description) {
        return Counter.builder("orrery.messaging." + event).description(description).tag("channel", channel)
                .register(registry);
    }
}
