package dev.orrery.contracts.event;

import java.time.Instant;

/**
 * Published by profile-frontend after a profile change commits; consumed by every service that shows profile data.
 *
 * <p>{@code version} is the profile's own increasing version: consumers apply an event only when it is newer than
 * their copy. {@code eventId} is unique per event: consumers drop one they have already applied.
 * {@code schema} is the contract's version ({@link #SCHEMA}); see docs/events.md for compatibility rules.
 */
public record ProfileUpdated(int schema, String eventId, String userId, String displayName, String avatarUrl,
        String styleGuide, long version, Instant occurredAt) {

    public static final int SCHEMA = 1;
    /** Exchange the event is published to (topic), and its routing key. */
    public static final String EXCHANGE = "orrery.profile";
    public static final String ROUTING_KEY = "profile.updated";
}
