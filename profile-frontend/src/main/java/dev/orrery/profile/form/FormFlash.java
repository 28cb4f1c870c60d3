package dev.orrery.profile.form;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the profile page shows once after a plain form post redirected back to it: the confirmation, or the typed
 * values with the problems. Kept per user, in memory, for a minute (post/redirect/get without query strings, which
 * the gateway need not pass through). A restart between post and redirect loses only the message.
 */
@ApplicationScoped
public class FormFlash {

    private static final Duration TTL = Duration.ofMinutes(1);

    /** @param values what the user typed, by field; {@code problems} by field; {@code saved} the confirmation */
    public record Flash(Map<String, String> values, Map<String, String> problems, String saved, Instant expiresAt) {
    }

    private final Map<String, Flash> byUser = new ConcurrentHashMap<>();

    public void saved(String userId, String message) {
        byUser.put(userId, new Flash(Map.of(), Map.of(), message, Instant.now().plus(TTL)));
    }

    public void rejected(String userId, Map<String, String> typed, Map<String, String> problems) {
        byUser.put(userId, new Flash(Map.copyOf(typed), Map.copyOf(problems), null, Instant.now().plus(TTL)));
    }

    public Optional<Flash> take(String userId) {
        byUser.values().removeIf(f -> f.expiresAt().isBefore(Instant.now()));
        return Optional.ofNullable(byUser.remove(userId));
    }
}
