package dev.orrery.todo.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;

/** This instance's queue of changes. */
@Singleton
@Identifier("todo-changes")
public class CountedChangesIn extends CountingIncoming {

    CountedChangesIn(MeterRegistry registry, DeliveryChannels deliveries) {
        super(registry, deliveries, "todo-changes");
    }
}
