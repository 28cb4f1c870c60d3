package dev.orrery.contracts.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Published by profile-frontend after a profile change commits; consumed by every service that shows profile data.
 *
 * <p>{@code version} is the profile's own increasing version: consumers apply an event only when it is newer than
 * their copy. {@code eventId} is unique per event (and the AMQP message-id): consumers drop one they have already
 * applied. {@code schema} is the contract's version ({@link #SCHEMA}); consumers accept every version from
 * {@link #OLDEST_SUPPORTED_SCHEMA} to {@link #SCHEMA}. Schema 2 added {@code timeZone} (an IANA zone id); it is
 * {@code null} in a schema-1 event. The JSON Schemas are {@link #schemaResource(int)}; see docs/events.md for the
 * compatibility rules and the rollout in either deploy order.
 */
public record ProfileUpdated(int schema, String eventId, String userId, String displayName, String avatarUrl,
        String styleGuide, long version, Instant occurredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String timeZone) {

    public static final int SCHEMA = 2;
    /** A consumer accepts the current and the previous schema version, so producer and consumer deploy in either order. */
    public static final int OLDEST_SUPPORTED_SCHEMA = 1;
    /** Exchange the event is published to (topic), and its routing key. */
    public static final String EXCHANGE = "orrery.profile";
    public static final String ROUTING_KEY = "profile.updated";
    /** Classpath location of the JSON Schema of the current version. */
    public static final String SCHEMA_RESOURCE = "contracts/profile-updated.v2.schema.json";
    /** Classpath location of a schema-valid sample payload of the current version, for both sides' tests. */
    public static final String SAMPLE_RESOURCE = "contracts/samples/profile-updated.v2.json";

    /** A schema-1 event (no time zone), as producers emitted it before schema 2 and still do when configured so. */
    public ProfileUpdated(int schema, String eventId, String userId, String displayName, String avatarUrl,
            String styleGuide, long version, Instant occurredAt) {
        this(schema, eventId, userId, displayName, avatarUrl, styleGuide, version, occurredAt, null);
    }

    /** Whether a consumer built against this contract can read an event of that schema version. */
    public static boolean isSupportedSchema(int schema) {
        return schema >= OLDEST_SUPPORTED_SCHEMA && schema <= SCHEMA;
    }

    /** Classpath location of the JSON Schema of a supported version. */
    public static String schemaResource(int schema) {
        return "contracts/profile-updated.v" + supported(schema) + ".schema.json";
    }

    /** Classpath location of a schema-valid sample of a supported version. */
    public static String sampleResource(int schema) {
        return "contracts/samples/profile-updated.v" + supported(schema) + ".json";
    }

    private static int supported(int schema) {
        if (!isSupportedSchema(schema)) {
            throw new IllegalArgumentException("unsupported ProfileUpdated schema " + schema);
        }
        return schema;
    }
}
