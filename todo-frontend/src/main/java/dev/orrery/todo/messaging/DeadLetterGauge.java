package dev.orrery.todo.messaging;

import java.io.IOException;

import dev.orrery.todo.author.DeadLetterMonitor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The profile events' dead-letter queue depth, read from the broker at each scrape (NaN when it cannot be asked). */
@ApplicationScoped
public class DeadLetterGauge {

    void register(@Observes StartupEvent start, MeterRegistry registry, DeadLetterMonitor monitor) {
        Gauge.builder("orrery.messaging.dead.letters", monitor, DeadLetterGauge::depth)
                .description("messages in the dead-letter queue").tag("channel", "profile-events")
                .tag("queue", monitor.queueName()).register(registry);
    }

    private static double depth(DeadLetterMonitor monitor) {
        try {
            return monitor.depth();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
