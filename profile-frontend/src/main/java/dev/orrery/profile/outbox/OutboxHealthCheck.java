package dev.orrery.profile.outbox;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.orrery.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reports the outbox backlog. Always UP: with the broker away, profile changes are still accepted and kept in the
 * outbox, so the service stays ready; {@code state} says {@code degraded} once the oldest pending event is late.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxStore store;
    private final ProfileConfig config;

    OutboxHealthCheck(OutboxStore store, ProfileConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxStore.Backlog backlog = store.backlog();
        boolean late = backlog.oldestAge().compareTo(config.outbox().degradedAfter()) > 0;
        return HealthCheckResponse.named("profile-events outbox").up()
                .withData("pending", backlog.pending())
                .withData("oldestPendingSeconds", backlog.oldestAge().toSeconds())
                .withData("state", late ? "degraded" : "ok")
                .build();
    }
}
