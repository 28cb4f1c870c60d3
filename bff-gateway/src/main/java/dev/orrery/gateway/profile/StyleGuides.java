package dev.orrery.gateway.profile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/** The gateway's own copy of each user's chosen style guide, learned from ProfileUpdated events. */
@Singleton
public class StyleGuides {

    public static final String DEFAULT = "daylight";

    private final Map<String, String> byUser = new ConcurrentHashMap<>();

    public String of(String userId) {
        return byUser.getOrDefault(userId, DEFAULT);
    }

    void remember(String userId, String styleGuide) {
        if (styleGuide != null) {
            byUser.put(userId, styleGuide);
        }
    }
}
