package dev.orrery.profile.avatar;

import java.time.Instant;
import java.util.HexFormat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An uploaded avatar; without one the user gets a generated initials SVG. */
@Entity
public class Avatar extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public byte[] content;

    @Column(nullable = false)
    public String etag;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Inserts or replaces the user's avatar; the caller owns the transaction. */
    public static void replace(String userId, ValidatedImage image) {
        Avatar avatar = findById(userId);
        if (avatar == null) {
            avatar = new Avatar();
            avatar.userId = userId;
        }
        avatar.contentType = image.contentType();
        avatar.content = image.bytes();
        avatar.etag = etagOf(image.bytes());
        avatar.updatedAt = Instant.now();
        avatar.persist();
    }

    static String etagOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
