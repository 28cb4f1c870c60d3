package dev.orrery.deploy.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Multi-document YAML to Kubernetes objects; empty documents are skipped. */
public final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    public static List<KubeObject> parse(String yaml, String source) {
        List<KubeObject> objects = new ArrayList<>();
        Iterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml);
        while (documents.hasNext()) {
            JsonNode document = documents.next();
            if (document != null && document.isObject() && !document.isEmpty()) {
                objects.add(new KubeObject(source, document));
            }
        }
        return objects;
    }

    public static List<KubeObject> load(Path file) {
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
