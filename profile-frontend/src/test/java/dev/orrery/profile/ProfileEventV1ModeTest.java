package dev.orrery.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The producer-first step of a schema change (docs/events.md): with {@code profile.events.schema=1} this build emits
 * ProfileUpdated v1, exactly what readers of the previous release accept, through the real broker.
 */
@QuarkusTest
@TestProfile(ProfileEventV1ModeTest.EmitV1.class)
class ProfileEventV1ModeTest {

    public static class EmitV1 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("profile.events.schema", "1");
        }
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void emitsVersion1ValidAgainstTheV1Schema() throws Exception {
        try (PublishedEvents published = new PublishedEvents(mapper)) {
            String userId = Profiles.userId("bob");
            String name = "Bob " + UUID.randomUUID().toString().substring(0, 6);
            Profiles.put("bob", name, "nightfall", "Europe/Paris").statusCode(200);

            JsonNode json = mapper.readTree(published.nextFor(userId, name).getBody());
            assertEquals(1, json.path("schema").asInt());
            assertEquals(name, json.path("displayName").asText());
            Set<ValidationMessage> problems = PublishedEvents.schema(1).validate(json);
            assertTrue(problems.isEmpty(), problems::toString);
            assertFalse(json.has("timeZone"), "a v1 event carries only v1 fields");
            Profiles.put("bob", "Bob Builder", "daylight", "UTC").statusCode(200);
            PendingOutbox.awaitNone();
        }
    }
}
