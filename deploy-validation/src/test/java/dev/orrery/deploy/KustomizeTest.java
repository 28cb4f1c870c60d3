package dev.orrery.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.orrery.deploy.render.Kustomize;

class KustomizeTest {

    @Test
    void aMissingKubectlFailsWithHowToInstallIt() {
        Kustomize kustomize = new Kustomize("/nonexistent/kubectl");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> kustomize.render(Path.of("../deploy/kubernetes/platform")));
        assertTrue(failure.getMessage().contains("kubectl was not found"), failure.getMessage());
        assertTrue(failure.getMessage().contains("apt-get install kubectl"), failure.getMessage());
    }

    @Test
    void aBrokenFolderFailsWithKubectlsMessage() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Kustomize.fromEnvironment().render(Path.of("/nonexistent/folder")));
        assertTrue(failure.getMessage().contains("kubectl kustomize /nonexistent/folder failed"), failure.getMessage());
    }
}
