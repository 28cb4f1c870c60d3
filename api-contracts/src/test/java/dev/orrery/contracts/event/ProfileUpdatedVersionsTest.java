package dev.orrery.contracts.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Both deploy orders of a ProfileUpdated schema change, shown on the contract itself (docs/events.md, "Versions and
 * deploy order"). Consumer first: today's reader accepts the previous and the current version. Producer first: a
 * producer of this release configured to emit the previous version ({@code profile.events.schema=1}) produces what a
 * reader of the previous release accepts; a v2 event differs from v1 only by the version number and the added field.
 */
class ProfileUpdatedVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What todo-frontend's reader accepted in the v1 era: exactly schema 1, the v1 fields present, extras ignored. */
    private static boolean v1EraReaderAccepts(JsonNode event) throws IOException {
        boolean v1EraSupported = event.path("schema").asInt(-1) == 1;
        return v1EraSupported && schema(1).validate(event).isEmpty();
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ProfileUpdated.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is on the classpath");
            return JSON.readTree(in);
        }
    }

    private static JsonSchema schema(int version) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(read(ProfileUpdated.schemaResource(version)));
    }

    private static JsonNode emitted(ProfileUpdated event) {
        return JSON.valueToTree(event);
    }

    private static ProfileUpdated producedAt(int schema) {
        Instant at = Instant.parse("2026-11-25T16:00:00Z");
        return schema == 1
                ? new ProfileUpdated(1, "e-1", "u-1", "Ada", "/api/profile/avatar/u-1?v=4", "daylight", 4, at)
                : new ProfileUpdated(schema, "e-2", "u-1", "Ada", "/api/profile/avatar/u-1?v=4", "daylight", 4, at, "Asia/Tokyo");
    }

    @Test
    void theCurrentReaderSupportsTheCurrentAndThePreviousVersionOnly() {
        assertEquals(2, ProfileUpdated.SCHEMA);
        assertEquals(ProfileUpdated.SCHEMA - 1, ProfileUpdated.OLDEST_SUPPORTED_SCHEMA);
        assertTrue(ProfileUpdated.isSupportedSchema(1));
        assertTrue(ProfileUpdated.isSupportedSchema(2));
        assertFalse(ProfileUpdated.isSupportedSchema(3));
        assertThrows(IllegalArgumentException.class, () -> ProfileUpdated.schemaResource(3));
        assertThrows(IllegalArgumentException.class, () -> ProfileUpdated.sampleResource(0));
    }

    // --- consumer first: the new reader is deployed while producers still emit v1 ---

    @Test
    void consumerFirstTheNewReaderAcceptsTheV1AndV2Samples() throws IOException {
        for (int version = ProfileUpdated.OLDEST_SUPPORTED_SCHEMA; version <= ProfileUpdated.SCHEMA; version++) {
            JsonNode sample = read(ProfileUpdated.sampleResource(version));
            assertEquals(Set.of(), schema(version).validate(sample), "v" + version + " sample is valid");
            assertTrue(ProfileUpdated.isSupportedSchema(sample.path("schema").asInt()));
            ProfileUpdated event = JSON.treeToValue(sample, ProfileUpdated.class);
            assertEquals(version, event.schema());
            assertEquals("Ada <b>Lovelace</b> & Co", event.displayName());
            assertEquals(3, event.version());
        }
        assertNull(JSON.treeToValue(read(ProfileUpdated.sampleResource(1)), ProfileUpdated.class).timeZone(),
                "a v1 event has no time zone: the reader keeps what it had");
        assertEquals("Europe/London", JSON.treeToValue(read(ProfileUpdated.sampleResource(2)), ProfileUpdated.class).timeZone());
    }

    @Test
    void theProducerEmitsEachVersionValidAgainstItsSchema() throws IOException {
        for (int version = 1; version <= ProfileUpdated.SCHEMA; version++) {
            assertEquals(Set.of(), schema(version).validate(emitted(producedAt(version))), "emitted v" + version);
        }
        assertFalse(emitted(producedAt(1)).has("timeZone"), "a v1 event carries exactly the v1 fields");
    }

    // --- producer first: the new producer is deployed while readers of the previous release still run ---

    @Test
    void producerFirstTheNewProducerInV1ModeIsReadByThePreviousRelease() throws IOException {
        JsonNode v1 = emitted(producedAt(1));
        assertTrue(v1EraReaderAccepts(v1), "profile.events.schema=1: what the previous release reads");
        assertTrue(v1EraReaderAccepts(read(ProfileUpdated.sampleResource(1))));
    }

    @Test
    void v2OnlyAddsToV1EveryV1FieldKeepsItsNameTypeAndConstraints() throws IOException {
        JsonNode v1 = read(ProfileUpdated.schemaResource(1));
        JsonNode v2 = read(ProfileUpdated.schemaResource(2));
        for (JsonNode required : v1.path("required")) {
            assertTrue(contains(v2.path("required"), required.asText()), required + " stays required in v2");
        }
        v1.path("properties").fieldNames().forEachRemaining(field -> {
            if (!"schema".equals(field)) {
                assertEquals(v1.path("properties").path(field), v2.path("properties").path(field), field + " unchanged in v2");
            }
        });
        assertTrue(v2.path("additionalProperties").asBoolean());
        // Against the v1 schema, a v2 event breaks nothing but the version number itself.
        Set<ValidationMessage> errors = schema(1).validate(read(ProfileUpdated.sampleResource(2)));
        List<String> where = errors.stream().map(e -> e.getInstanceLocation().toString()).distinct().collect(Collectors.toList());
        assertEquals(List.of("$.schema"), where, errors::toString);
        ObjectNode renumbered = ((ObjectNode) read(ProfileUpdated.sampleResource(2))).put("schema", 1);
        assertTrue(v1EraReaderAccepts(renumbered), "with v1's number, every v2 payload is a valid v1 payload");
    }

    @Test
    void aV2EventIsNotForThePreviousReleaseHenceTheProducersSchemaSetting() throws IOException {
        assertFalse(v1EraReaderAccepts(read(ProfileUpdated.sampleResource(2))),
                "a reader of the v1 era dead-letters schema 2: producer-first deploys emit v1 until every reader is new");
        assertFalse(v1EraReaderAccepts(emitted(producedAt(2))));
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
