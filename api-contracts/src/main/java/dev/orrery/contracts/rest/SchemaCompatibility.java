package dev.orrery.contracts.rest;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares a contracted schema with the live one. Responses are read by consumers, so every field the contract names
 * must still be there with its type; requests are written by consumers, so the server must still take every field
 * they send and must not start requiring one they do not.
 */
final class SchemaCompatibility {

    private static final int MAX_DEPTH = 16;

    private final OpenApiDocument contract;
    private final OpenApiDocument live;
    private final List<String> problems;

    SchemaCompatibility(OpenApiDocument contract, OpenApiDocument live, List<String> problems) {
        this.contract = contract;
        this.live = live;
        this.problems = problems;
    }

    void response(String where, JsonNode contracted, JsonNode actual) {
        compare(where, contracted, actual, false, 0);
    }

    void request(String where, JsonNode contracted, JsonNode actual) {
        compare(where, contracted, actual, true, 0);
    }

    private void compare(String where, JsonNode contractedSchema, JsonNode actualSchema, boolean request, int depth) {
        JsonNode c = contract.resolve(contractedSchema);
        JsonNode l = live.resolve(actualSchema);
        if (l.isMissingNode()) {
            problems.add(where + ": schema is gone");
            return;
        }
        if (depth > MAX_DEPTH) {
            return;
        }
        Set<String> contractedTypes = OpenApiDocument.types(c);
        if (!contractedTypes.isEmpty() && !contractedTypes.equals(OpenApiDocument.types(l))) {
            problems.add(where + ": type changed from " + contractedTypes + " to " + OpenApiDocument.types(l));
            return;
        }
        if (c.has("format") && !c.path("format").equals(l.path("format"))) {
            problems.add(where + ": format changed from " + c.path("format").asText() + " to "
                    + (l.has("format") ? l.path("format").asText() : "none"));
        }
        enums(where, c, l, request);
        if (request) {
            newlyRequired(where, c, l);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode actualField = l.path("properties").path(field.getKey());
            if (actualField.isMissingNode()) {
                problems.add(where + "." + field.getKey() + (request
                        ? ": request field is no longer accepted (removed or renamed)"
                        : ": response field is gone (removed or renamed)"));
            } else {
                compare(where + "." + field.getKey(), field.getValue(), actualField, request, depth + 1);
            }
        }
        if (c.has("items")) {
            compare(where + "[]", c.path("items"), l.path("items"), request, depth + 1);
        }
    }

    /** A reader must know every value it may receive; a writer's values must all still be accepted. */
    private void enums(String where, JsonNode c, JsonNode l, boolean request) {
        if (!c.has("enum")) {
            return;
        }
        Set<String> contracted = values(c.path("enum"));
        if (request) {
            if (l.has("enum") && !values(l.path("enum")).containsAll(contracted)) {
                problems.add(where + ": accepts fewer values than " + contracted + ": " + values(l.path("enum")));
            }
        } else if (!l.has("enum") || !contracted.containsAll(values(l.path("enum")))) {
            problems.add(where + ": may now return values beyond " + contracted);
        }
    }

    private void newlyRequired(String where, JsonNode c, JsonNode l) {
        Set<String> allowed = values(c.path("required"));
        for (String required : values(l.path("required"))) {
            if (!allowed.contains(required)) {
                problems.add(where + "." + required + ": new required request field");
            }
        }
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
