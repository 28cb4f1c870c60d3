package dev.orrery.gateway.profile;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.orrery.gateway.compose.LastGoodCopies;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/** ProfileUpdated events: remember the user's style guide and forget the last good copies of their fragments. */
@ApplicationScoped
public class ProfileEvents {

    private final StyleGuides styleGuides;
    private final LastGoodCopies copies;

    ProfileEvents(StyleGuides styleGuides, LastGoodCopies copies) {
        this.styleGuides = styleGuides;
        this.copies = copies;
    }

    @Incoming("profile-events")
    public void onProfileUpdated(JsonObject event) {
        String userId = event.getString("userId");
        if (userId == null) {
            return;
        }
        styleGuides.remember(userId, event.getString("styleGuide"));
        copies.forget(userId);
    }
}
