package dev.orrery.profile.profile;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import dev.orrery.contracts.event.ProfileUpdated;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Message;

@ApplicationScoped
public class ProfileService {

    private final Emitter<ProfileUpdated> events;

    ProfileService(@Channel("profile-events") Emitter<ProfileUpdated> events) {
        this.events = events;
    }

    /** The signed-in user's profile; created from the token's claims on first sight. */
    @Transactional
    public Profile findOrCreate(JsonWebToken token) {
        Profile profile = Profile.findById(token.getSubject());
        if (profile != null) {
            return profile;
        }
        profile = new Profile();
        profile.userId = token.getSubject();
        profile.displayName = displayNameOf(token);
        profile.email = token.getClaim("email");
        profile.styleGuide = "daylight";
        profile.timeZone = "UTC";
        profile.version = 1;
        profile.updatedAt = Instant.now();
        profile.persist();
        publish(profile);
        return profile;
    }

    private void publish(Profile p) {
        ProfileUpdated event = new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), p.userId,
                p.displayName, "/api/profile/avatar/" + p.userId, p.styleGuide, p.version, p.updatedAt);
        events.send(Message.of(event).addMetadata(OutgoingRabbitMQMetadata.builder()
                .withMessageId(event.eventId()).withContentType("application/json").withDeliveryMode(2).build()));
    }

    static String displayNameOf(JsonWebToken token) {
        String name = token.getClaim("name");
        if (name == null || name.isBlank()) {
            name = token.getClaim("preferred_username");
        }
        return name == null || name.isBlank() ? "Anonymous" : name;
    }
}
