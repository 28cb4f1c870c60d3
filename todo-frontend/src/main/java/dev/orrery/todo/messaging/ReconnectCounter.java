package dev.orrery.todo.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Counts reconnects per channel: the connector reports a channel not alive while its connection is lost (its
 * liveness; readiness is switched off for todo's channels), so every return to alive after having been alive is one
 * reconnect. Polled once a second (a shorter outage goes unseen).
 */
@ApplicationScoped
public class ReconnectCounter {

    /** Per channel: ready at the last poll; absent until the channel was ready once. */
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent start, Vertx vertx, HealthCenter health, MeterRegistry registry) {
        vertx.setPeriodic(1_000, id -> vertx.executeBlocking(() -> {
            observe(health.getLiveness(), registry);
            return null;
        }, false));
    }

    private void observe(HealthReport liveness, MeterRegistry registry) {
        for (HealthReport.ChannelInfo channel : liveness.getChannels()) {
            var reconnects = new MessagingCounters(registry, channel.getChannel())
                    .counter("reconnects", "returns of the channel to ready after a lost connection");
            Boolean before = channel.isOk() ? ready.put(channel.getChannel(), true)
                    : ready.computeIfPresent(channel.getChannel(), (c, was) -> false);
            if (channel.isOk() && Boolean.FALSE.equals(before)) {
                reconnects.increment();
            }
        }
    }
}
