package dev.orrery.profile.profile;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

@Entity
public class Profile extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String email;

    @Column(name = "style_guide", nullable = false)
    public String styleGuide;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /**
     * Optimistic lock, increased by every change (also an avatar change, which touches {@link #updatedAt}); consumers
     * of ProfileUpdated apply only newer versions.
     */
    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Changes with the version, so caches of the avatar are busted by every profile change. */
    public String avatarUrl() {
        return "/api/profile/avatar/" + userId + "?v=" + version;
    }
}
