package dev.orrery.contracts.rest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Read-only view of an OpenAPI 3.x JSON document: operations by normalised path, and schemas with local
 * {@code $ref}s and single-branch {@code allOf}s resolved.
 */
final class OpenApiDocument {

    static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete", "head", "options");

    private final JsonNode root;
    private final Map<String, JsonNode> pathsByShape = new LinkedHashMap<>();

    OpenApiDocument(JsonNode root) {
        this.root = root == null ? MissingNode.getInstance() : root;
        for (Iterator<Map.Entry<String, JsonNode>> it = this.root.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            pathsByShape.put(shape(path.getKey()), path.getValue());
        }
    }

    /** {@code /api/todos/{id}} and {@code /api/todos/{todoId}} are the same path to a client. */
    static String shape(String path) {
        return path.replaceAll("\\{[^}/]*}", "{}");
    }

    Set<String> pathTemplates() {
        Set<String> paths = new TreeSet<>();
        root.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    /** @return the operation, or a missing node */
    JsonNode operation(String path, String method) {
        JsonNode item = pathsByShape.get(shape(path));
        return item == null ? MissingNode.getInstance() : item.path(method);
    }

    Set<String> methods(String path) {
        Set<String> methods = new LinkedHashSet<>();
        root.path("paths").path(path).fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                methods.add(m);
            }
        });
        return methods;
    }

    /** Follows local {@code $ref}s and merges {@code allOf} branches; returns a missing node for a dangling ref. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 32 && current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            current = ref.startsWith("#") ? root.at(ref.substring(1)) : MissingNode.getInstance();
        }
        if (current != null && current.path("allOf").isArray() && current.path("allOf").size() == 1) {
            return resolve(current.path("allOf").get(0));
        }
        return current == null ? MissingNode.getInstance() : current;
    }

    /** The schema's types without {@code null}; empty when it declares none. */
    static Set<String> types(JsonNode schema) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        types.remove("null");
        return types;
    }
}
