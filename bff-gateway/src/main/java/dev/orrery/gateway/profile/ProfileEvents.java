package dev.orrery.gateway.profile;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.orrery.gateway.compose.FreshCopies;
import dev.orrery.gateway.compose.LastGoodCopies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/** ProfileUpdated events: refresh the user's style guide and forget the last good and fresh copies of their fragments. */
@ApplicationScoped
public class ProfileEvents {

    private static final Logger LOG = Logger.getLogger(ProfileEvents.class);

    private final StyleGuides styleGuides;
    private final LastGoodCopies copies;
    private final FreshCopies freshCopies;

    ProfileEvents(StyleGuides styleGuides, LastGoodCopies copies, FreshCopies freshCopies) {
        this.styleGuides = styleGuides;
        this.copies = copies;
        this.freshCopies = freshCopies;
    }

    /** The payload arrives as JSON object or raw bytes depending on the publisher's content type. */
    @Incoming("profile-events")
    public void onProfileUpdated(Object payload) {
        JsonObject event;
        try {
            event = payload instanceof JsonObject json ? json
                    : payload instanceof byte[] bytes ? new JsonObject(Buffer.buffer(bytes))
                    : new JsonObject(payload.toString());
        } catch (DecodeException e) {
            LOG.warnf("ignoring a profile event that is not JSON: %s", e.getMessage());
            return;
        }
        String userId = event.getString("userId");
        if (userId == null) {
            return;
        }
        styleGuides.remember(userId, event.getString("styleGuide"), event.getLong("version", 0L));
        copies.forget(userId);
        freshCopies.forget(userId);
    }
}
