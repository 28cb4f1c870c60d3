package dev.orrery.contracts.event;

import java.time.Instant;

/**
 * Published by profile-frontend after a profile change commits; consumed by every service that shows profile data.
 *
 * <p>{@code version} is the profile's own increasing version: consumers apply an event only when it is newer than
 * their copy. {@code eventId} is unique per event (and the AMQP message-id): consumers drop one they have already
 * applied. {@code schema} is the contract's version ({@link #SCHEMA}); consumers accept every version from
 * {@link #OLDEST_SUPPORTED_SCHEMA} to {@link #SCHEMA}. The JSON Schema is {@link #SCHEMA_RESOURCE}; see
 * docs/events.md for the compatibility rules.
 */
public record ProfileUpdated(int schema, String eventId, String userId, String displayName, String avatarUrl,
        String styleGuide, long version, Instant occurredAt) {

    public static final int SCHEMA = 1;
    /** A consumer accepts the current and the previous schema version; v1 is the first, so only v1 for now. */
    public static final int OLDEST_SUPPORTED_SCHEMA = 1;
    /** Exchange the event is published to (topic), and its routing key. */
    public static final String EXCHANGE = "orrery.profile";
    public static final String ROUTING_KEY = "profile.updated";
    /** Classpath location of the JSON Schema of the current version. */
    public static final String SCHEMA_RESOURCE = "contracts/profile-updated.v1.schema.json";
    /** Classpath location of a schema-valid sample payload, for both sides' tests. */
    public static final String SAMPLE_RESOURCE = "contracts/samples/profile-updated.v1.json";

    /** Whether a consumer built against this contract can read an event of that schema version. */
    public static boolean isSupportedSchema(int schema) {
        return schema >= OLDEST_SUPPORTED_SCHEMA && schema <= SCHEMA;
    }
}
