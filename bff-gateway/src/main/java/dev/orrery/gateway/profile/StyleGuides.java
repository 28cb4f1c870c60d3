package dev.orrery.gateway.profile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.orrery.contracts.event.ProfileUpdated;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/** The gateway's own copy of each user's chosen style guide, learned from ProfileUpdated events. */
@ApplicationScoped
public class StyleGuides {

    public static final String DEFAULT = "daylight";

    private final Map<String, String> byUser = new ConcurrentHashMap<>();

    public String of(String userId) {
        return byUser.getOrDefault(userId, DEFAULT);
    }

    @Incoming("profile-events")
    public void onProfileUpdated(JsonObject event) {
        String userId = event.getString("userId");
        String styleGuide = event.getString("styleGuide");
        if (userId != null && styleGuide != null) {
            byUser.put(userId, styleGuide);
        }
    }
}
