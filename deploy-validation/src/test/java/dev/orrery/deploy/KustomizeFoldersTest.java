package dev.orrery.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.orrery.deploy.policy.Policy;
import dev.orrery.deploy.render.KubeObject;
import dev.orrery.deploy.render.Kustomize;
import dev.orrery.deploy.schema.SchemaCatalog;

/** Every folder under deploy/kubernetes, rendered as `kubectl apply -k` would send it. */
class KustomizeFoldersTest {

    private static final Path ROOT = Path.of(System.getProperty("orrery.kubernetes.dir", "../deploy/kubernetes"));
    private static final Set<String> FRONT_ENDS = Set.of("todo-frontend", "profile-frontend");
    private static final SchemaCatalog SCHEMAS = new SchemaCatalog();

    static Stream<Path> folders() throws IOException {
        try (Stream<Path> children = Files.list(ROOT)) {
            return children.filter(dir -> Files.exists(dir.resolve("kustomization.yaml"))).sorted().toList().stream();
        }
    }

    private static final Map<Path, List<KubeObject>> RENDERED = new ConcurrentHashMap<>();

    private static List<KubeObject> render(Path folder) {
        return RENDERED.computeIfAbsent(folder, Kustomize.fromEnvironment()::render);
    }

    @Test
    void oneFolderPerFrontEndPlusThePlatform() throws IOException {
        Set<String> names = folders().map(dir -> dir.getFileName().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("platform", "todo-frontend", "profile-frontend"), names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void everyObjectMatchesItsSchema(Path folder) {
        List<KubeObject> objects = render(folder);
        assertFalse(objects.isEmpty(), folder + " renders nothing");
        List<String> violations = objects.stream().flatMap(o -> SCHEMAS.violations(o).stream()).toList();
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void everyPolicyHolds(Path folder) {
        List<String> violations = Policy.violationsOfAll(render(folder));
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void everyObjectLandsInTheOrreryNamespaceWithAPinnedImage(Path folder) {
        for (KubeObject object : render(folder)) {
            if (!object.is("Namespace")) {
                assertEquals("orrery", object.namespace(), object.describe());
            }
            object.spec().path("template").path("spec").path("containers").values().forEach(container ->
                    assertTrue(container.path("image").asString().matches("ghcr\\.io/orrery/[a-z-]+:\\d+\\.\\d+\\.\\d+"),
                            object.describe() + " image " + container.path("image")));
        }
    }

    @Test
    void aFrontEndFolderShipsOnlyThatFrontEnd() {
        for (String frontEnd : FRONT_ENDS) {
            List<KubeObject> objects = render(ROOT.resolve(frontEnd));
            assertTrue(objects.stream().allMatch(o -> o.name().startsWith(frontEnd)),
                    frontEnd + " renders objects of another part: "
                            + objects.stream().map(KubeObject::describe).toList());
        }
    }

    @Test
    void secretsAreReferencedNeverRendered() throws IOException {
        List<String> rendered = folders().flatMap(folder -> render(folder).stream())
                .filter(o -> o.is("Secret")).map(KubeObject::describe).toList();
        assertEquals(List.of(), rendered);
    }
}
