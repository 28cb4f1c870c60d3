package dev.orrery.contracts.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The sample both sides test against maps onto the record, and the schema file is where the record says. */
class ProfileUpdatedContractTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static InputStream resource(String name) {
        InputStream in = ProfileUpdated.class.getClassLoader().getResourceAsStream(name);
        assertNotNull(in, name + " is on the classpath");
        return in;
    }

    @Test
    void sampleMapsOntoTheRecord() throws Exception {
        ProfileUpdated event = mapper.readValue(resource(ProfileUpdated.SAMPLE_RESOURCE), ProfileUpdated.class);
        assertEquals(ProfileUpdated.SCHEMA, event.schema());
        assertEquals("sample-user-0001", event.userId());
        assertEquals(3, event.version());
        assertEquals(Instant.parse("2026-11-25T15:00:00Z"), event.occurredAt());
    }

    @Test
    void schemaFileDeclaresTheCurrentVersion() throws Exception {
        var schema = mapper.readTree(resource(ProfileUpdated.SCHEMA_RESOURCE));
        assertEquals(ProfileUpdated.SCHEMA, schema.at("/properties/schema/const").asInt());
        assertTrue(schema.at("/additionalProperties").asBoolean(), "consumers must tolerate additive fields");
    }

    @Test
    void consumersAcceptTheSupportedRangeOnly() {
        assertTrue(ProfileUpdated.isSupportedSchema(ProfileUpdated.SCHEMA));
        assertTrue(ProfileUpdated.isSupportedSchema(ProfileUpdated.OLDEST_SUPPORTED_SCHEMA));
        assertFalse(ProfileUpdated.isSupportedSchema(ProfileUpdated.SCHEMA + 1));
        assertFalse(ProfileUpdated.isSupportedSchema(0));
    }

    @Test
    void unknownAdditivePropertiesAreTolerated() throws Exception {
        String json = "{\"schema\":1,\"eventId\":\"e\",\"userId\":\"u\",\"displayName\":\"n\",\"avatarUrl\":\"/api/profile/avatar/u\","
                + "\"styleGuide\":\"daylight\",\"version\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"pronouns\":\"they\"}";
        assertEquals("n", mapper.readValue(json, ProfileUpdated.class).displayName());
    }
}
