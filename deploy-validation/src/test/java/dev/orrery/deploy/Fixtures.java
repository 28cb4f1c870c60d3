package dev.orrery.deploy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import dev.orrery.deploy.render.KubeObject;
import dev.orrery.deploy.render.Manifests;

/** The small hand-written object sets under src/test/resources/fixtures. */
final class Fixtures {

    private Fixtures() {
    }

    static List<KubeObject> load(String name) {
        try {
            return Manifests.load(Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
