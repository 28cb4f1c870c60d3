package dev.orrery.deploy.render;

import tools.jackson.databind.JsonNode;

/** One Kubernetes object as rendered, with where it came from for error messages. */
public record KubeObject(String source, JsonNode body) {

    public String apiVersion() {
        return body.path("apiVersion").asString("");
    }

    public String kind() {
        return body.path("kind").asString("");
    }

    public String name() {
        return body.path("metadata").path("name").asString("");
    }

    public String namespace() {
        return body.path("metadata").path("namespace").asString("");
    }

    public JsonNode spec() {
        return body.path("spec");
    }

    public boolean is(String kind) {
        return kind().equals(kind);
    }

    public String describe() {
        return kind() + " " + name() + " (" + source + ")";
    }
}
