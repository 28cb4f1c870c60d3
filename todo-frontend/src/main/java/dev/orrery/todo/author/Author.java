package dev.orrery.todo.author;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** todo-frontend's own copy of a user's public profile, learned from ProfileUpdated events. */
@Entity
public class Author extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "avatar_url")
    public String avatarUrl;

    @Column(name = "style_guide")
    public String styleGuide;

    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
