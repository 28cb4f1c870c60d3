package dev.orrery.profile.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of the outbox relay's traffic with the broker, exported at /q/metrics (Prometheus) from startup on. */
@Startup
@ApplicationScoped
public class PublishMetrics {

    private final Counter published;
    private final Counter confirmed;
    private final Counter nacked;
    private final Counter confirmTimeouts;
    private final Counter retries;
    private final Counter reconnects;

    PublishMetrics(MeterRegistry registry) {
        published = counter(registry, "orrery.profile.events.published", "ProfileUpdated events sent to the broker (every try)");
        confirmed = counter(registry, "orrery.profile.events.confirmed", "sends the broker confirmed");
        nacked = counter(registry, "orrery.profile.events.nacked", "sends the broker refused (basic.nack)");
        confirmTimeouts = counter(registry, "orrery.profile.events.confirm.timeouts", "sends without a confirm in time");
        retries = counter(registry, "orrery.profile.events.retries", "failed tries scheduled for a republish");
        reconnects = counter(registry, "orrery.profile.broker.reconnects", "broker connections opened after the first");
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    void published() {
        published.increment();
    }

    void confirmed() {
        confirmed.increment();
    }

    void nacked() {
        nacked.increment();
    }

    void confirmTimedOut() {
        confirmTimeouts.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    /** Called by the relay when a failed try will be published again later. */
    public void retryScheduled() {
        retries.increment();
    }
}
