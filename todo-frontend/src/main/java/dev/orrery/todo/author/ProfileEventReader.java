package dev.orrery.todo.author;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orrery.contracts.event.ProfileUpdated;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a ProfileUpdated payload of any supported schema version ({@link ProfileUpdated#isSupportedSchema}); unknown
 * properties are ignored, as the contract's additive rule allows.
 */
@ApplicationScoped
public class ProfileEventReader {

    private final ObjectMapper mapper;

    ProfileEventReader(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public ProfileUpdated read(Object payload) {
        JsonNode json = tree(payload);
        int schema = json.path("schema").asInt(-1);
        if (!ProfileUpdated.isSupportedSchema(schema)) {
            throw new UnreadableProfileEventException("unsupported ProfileUpdated schema " + json.path("schema"));
        }
        ProfileUpdated event;
        try {
            event = mapper.treeToValue(json, ProfileUpdated.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableProfileEventException("malformed ProfileUpdated: " + e.getMessage(), e);
        }
        if (blank(event.eventId()) || blank(event.userId()) || blank(event.displayName()) || !json.has("version")) {
            throw new UnreadableProfileEventException("ProfileUpdated lacks eventId, userId, displayName or version");
        }
        return event;
    }

    private JsonNode tree(Object payload) {
        try {
            if (payload instanceof JsonObject object) {
                return mapper.valueToTree(object.getMap());
            }
            byte[] bytes;
            if (payload instanceof byte[] raw) {
                bytes = raw;
            } else if (payload instanceof Buffer buffer) {
                bytes = buffer.getBytes();
            } else if (payload instanceof String text) {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            } else {
                throw new UnreadableProfileEventException("unexpected payload type " + payload);
            }
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new UnreadableProfileEventException("ProfileUpdated is not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableProfileEventException("ProfileUpdated is not JSON", e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
