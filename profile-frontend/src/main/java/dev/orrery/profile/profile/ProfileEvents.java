package dev.orrery.profile.profile;

import java.util.UUID;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.profile.config.ProfileConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Maps a profile, as just written, to the event that announces it, in the schema version this instance is configured
 * to emit ({@code profile.events.schema}; docs/events.md explains the rollout in either deploy order).
 */
@Startup
@ApplicationScoped
class ProfileEvents {

    private final int schema;

    ProfileEvents(ProfileConfig config) {
        this.schema = config.events().schema();
        if (!ProfileUpdated.isSupportedSchema(schema)) {
            throw new IllegalStateException("profile.events.schema=" + schema + " is not a ProfileUpdated schema this build can emit ("
                    + ProfileUpdated.OLDEST_SUPPORTED_SCHEMA + ".." + ProfileUpdated.SCHEMA + ")");
        }
    }

    ProfileUpdated updated(Profile p) {
        String eventId = UUID.randomUUID().toString();
        return schema == 1
                ? new ProfileUpdated(1, eventId, p.userId, p.displayName, p.avatarUrl(), p.styleGuide, p.version, p.updatedAt)
                : new ProfileUpdated(schema, eventId, p.userId, p.displayName, p.avatarUrl(), p.styleGuide, p.version,
                        p.updatedAt, p.timeZone);
    }
}
