package dev.orrery.profile.outbox;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.orrery.profile.broker.NacksOnlyWatch;
import dev.orrery.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reports the outbox backlog. UP while the broker is merely away: profile changes are still accepted and kept in the
 * outbox; {@code state} says {@code degraded} once the oldest pending event is late. DOWN only while the broker has
 * answered with nothing but nacks for longer than {@code profile.broker.nacks-only-limit} (the relay reopens its
 * connection meanwhile): such an instance would keep accepting changes it cannot publish.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxStore store;
    private final ProfileConfig config;
    private final NacksOnlyWatch nacks;

    OutboxHealthCheck(OutboxStore store, ProfileConfig config, NacksOnlyWatch nacks) {
        this.store = store;
        this.config = config;
        this.nacks = nacks;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxStore.Backlog backlog = store.backlog();
        boolean late = backlog.oldestAge().compareTo(config.outbox().degradedAfter()) > 0;
        Duration nacksOnly = nacks.nacksOnlyFor();
        boolean nacking = nacksOnly.compareTo(config.broker().nacksOnlyLimit()) > 0;
        return HealthCheckResponse.named("profile-events outbox").status(!nacking)
                .withData("pending", backlog.pending())
                .withData("oldestPendingSeconds", backlog.oldestAge().toSeconds())
                .withData("nacksOnlySeconds", nacksOnly.toSeconds())
                .withData("state", nacking ? "nacks-only" : late ? "degraded" : "ok")
                .build();
    }
}
