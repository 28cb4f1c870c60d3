package dev.orrery.profile.outbox;

import java.time.Instant;

import dev.orrery.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Deletes sent outbox rows older than {@code profile.outbox.retention}; pending rows are never touched. */
@ApplicationScoped
public class OutboxRetention {

    private final OutboxStore store;
    private final ProfileConfig.Outbox config;

    OutboxRetention(OutboxStore store, ProfileConfig config) {
        this.store = store;
        this.config = config.outbox();
    }

    /** @return how many rows were deleted */
    public int cleanUp() {
        return store.deleteSentBefore(Instant.now().minus(config.retention()));
    }
}
