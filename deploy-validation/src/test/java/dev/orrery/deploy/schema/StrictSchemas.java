package dev.orrery.deploy.schema;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds the API server's strict field validation to an OpenAPI schema: an object that declares its
 * properties accepts no others, unless it is marked x-kubernetes-preserve-unknown-fields. Without
 * this a misspelt field (`replica:`) would pass, and the API server would silently drop it.
 */
final class StrictSchemas {

    private StrictSchemas() {
    }

    static JsonNode strict(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        close(copy);
        return copy;
    }

    /**
     * A CRD's schema may leave out apiVersion, kind and metadata, which the API server accepts on every
     * custom resource (the Keycloak operator's CRDs do); they are added before the schema is closed.
     */
    static JsonNode strictCustomResource(JsonNode crdSchema) {
        ObjectNode copy = (ObjectNode) crdSchema.deepCopy();
        ObjectNode properties = copy.has("properties") ? (ObjectNode) copy.get("properties") : copy.putObject("properties");
        for (String field : new String[] {"apiVersion", "kind"}) {
            if (!properties.has(field)) {
                properties.putObject(field).put("type", "string");
            }
        }
        if (!properties.has("metadata")) {
            properties.putObject("metadata").put("type", "object");
        }
        return strict(copy);
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties")
                && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                close(entry.getValue());
            }
        } else if (node.isArray()) {
            node.values().forEach(StrictSchemas::close);
        }
    }
}
