package dev.orrery.profile.profile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.orrery.profile.avatar.Avatar;
import dev.orrery.profile.avatar.ValidatedImage;
import dev.orrery.profile.outbox.Outbox;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Reads and changes profiles. Every change and its ProfileUpdated event are written in one transaction (the event to
 * the outbox); the outbox relay publishes it after the commit.
 */
@ApplicationScoped
public class ProfileService {

    private final Outbox outbox;
    private final ProfileEvents events;

    ProfileService(Outbox outbox, ProfileEvents events) {
        this.outbox = outbox;
        this.events = events;
    }

    /** The signed-in user's profile; created from the token's claims on first sight (safe when requests race). */
    @Transactional
    public Profile findOrCreate(JsonWebToken token) {
        Profile profile = Profile.findById(token.getSubject());
        if (profile != null) {
            return profile;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int inserted = Panache.getEntityManager().createNativeQuery("""
                INSERT INTO profile (user_id, display_name, email, style_guide, time_zone, version, updated_at)
                VALUES (?1, ?2, ?3, 'daylight', 'UTC', 1, ?4) ON CONFLICT (user_id) DO NOTHING""")
                .setParameter(1, token.getSubject())
                .setParameter(2, displayNameOf(token))
                .setParameter(3, token.<String>getClaim("email"))
                .setParameter(4, now)
                .executeUpdate();
        profile = Profile.findById(token.getSubject());
        if (inserted == 1) {
            outbox.append(events.updated(profile));
        }
        return profile;
    }

    public Optional<Profile> find(String userId) {
        return Profile.findByIdOptional(userId);
    }

    /**
     * Applies a validated change and, when given, a validated avatar, all or nothing. A change that changes nothing
     * writes nothing and publishes nothing.
     */
    @Transactional
    public Profile update(String userId, ValidProfileChange change, Optional<ValidatedImage> avatar) {
        Profile profile = Profile.findById(userId);
        boolean changed = !change.displayName().equals(profile.displayName)
                || !change.styleGuide().equals(profile.styleGuide) || !change.timeZone().equals(profile.timeZone);
        if (!changed && avatar.isEmpty()) {
            return profile;
        }
        profile.displayName = change.displayName();
        profile.styleGuide = change.styleGuide();
        profile.timeZone = change.timeZone();
        avatar.ifPresent(image -> Avatar.replace(userId, image));
        return touchAndAnnounce(profile);
    }

    @Transactional
    public Profile replaceAvatar(String userId, ValidatedImage avatar) {
        Profile profile = Profile.findById(userId);
        Avatar.replace(userId, avatar);
        return touchAndAnnounce(profile);
    }

    /** Back to the generated initials; writes (and publishes) nothing when there was no upload. */
    @Transactional
    public Profile removeAvatar(String userId) {
        Profile profile = Profile.findById(userId);
        return Avatar.deleteById(userId) ? touchAndAnnounce(profile) : profile;
    }

    /** Marks the profile changed (so its version increases) and writes the event in the same transaction. */
    private Profile touchAndAnnounce(Profile profile) {
        profile.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Profile.flush();
        outbox.append(events.updated(profile));
        return profile;
    }

    static String displayNameOf(JsonWebToken token) {
        String name = token.getClaim("name");
        if (name == null || name.isBlank()) {
            name = token.getClaim("preferred_username");
        }
        name = name == null || name.isBlank() ? "Anonymous" : name.strip();
        return name.codePointCount(0, name.length()) > ProfileValidator.MAX_NAME_LENGTH
                ? name.substring(0, name.offsetByCodePoints(0, ProfileValidator.MAX_NAME_LENGTH))
                : name;
    }
}
