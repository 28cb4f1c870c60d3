package dev.orrery.profile.profile;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

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

    /** Increases with every change; consumers of ProfileUpdated apply only newer versions. */
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
