package dev.orrery.todo.author;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orrery.contracts.event.ProfileUpdated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Keeps the author copy current. The message is acknowledged only after the transaction commits. */
@ApplicationScoped
public class ProfileEventConsumer {

    private static final Logger LOG = Logger.getLogger(ProfileEventConsumer.class);

    private final ObjectMapper mapper;

    ProfileEventConsumer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Incoming("profile-events")
    @Blocking
    @Transactional
    public void onProfileUpdated(JsonObject json) {
        ProfileUpdated event = mapper.convertValue(json.getMap(), ProfileUpdated.class);
        Author author = Author.findById(event.userId());
        if (author != null && author.version >= event.version()) {
            LOG.debugf("ignoring profile event %s: version %d not newer than %d", event.eventId(), event.version(), author.version);
            return;
        }
        if (author == null) {
            author = new Author();
            author.userId = event.userId();
        }
        author.displayName = event.displayName();
        author.avatarUrl = event.avatarUrl();
        author.styleGuide = event.styleGuide();
        author.version = event.version();
        author.updatedAt = Instant.now();
        author.persist();
    }
}
