package dev.orrery.deploy.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a Kustomize folder offline with `kubectl kustomize`, exactly what `kubectl apply -k` would send. */
public final class Kustomize {

    static final String MISSING_KUBECTL = """
            kubectl was not found (tried '%s'). The Kubernetes manifest validation renders every \
            deploy/kubernetes folder with `kubectl kustomize` and needs kubectl 1.27 or newer (Kustomize 5 built in). \
            Debian's own kubernetes-client package is kubectl 1.20 (too old); install kubectl from the Kubernetes \
            apt repository (then `apt-get install kubectl`) or with the Google Cloud CLI, or point \
            -Dorrery.kubectl=/path/to/kubectl at one. See docs/kubernetes.md.""";

    private final String kubectl;

    public Kustomize(String kubectl) {
        this.kubectl = kubectl;
    }

    public static Kustomize fromEnvironment() {
        return new Kustomize(System.getProperty("orrery.kubectl", "kubectl"));
    }

    public List<KubeObject> render(Path folder) {
        return Manifests.parse(run(folder), folder.getFileName().toString());
    }

    private String run(Path folder) {
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", folder.toString()).start();
        } catch (IOException e) {
            throw new IllegalStateException(MISSING_KUBECTL.formatted(kubectl), e);
        }
        try {
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + folder + " failed:\n" + err);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not read kubectl's output for " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + folder, e);
        } finally {
            process.destroy();
        }
    }
}
