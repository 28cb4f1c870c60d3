package dev.orrery.profile.profile;

import java.util.UUID;

import dev.orrery.contracts.event.ProfileUpdated;

/** Maps a profile, as just written, to the event that announces it. */
final class ProfileEvents {

    private ProfileEvents() {
    }

    static ProfileUpdated updated(Profile p) {
        return new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), p.userId, p.displayName,
                p.avatarUrl(), p.styleGuide, p.version, p.updatedAt);
    }
}
