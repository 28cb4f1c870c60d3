package dev.orrery.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.orrery.deploy.render.KubeObject;
import dev.orrery.deploy.render.Manifests;
import tools.jackson.databind.JsonNode;

/**
 * The committed bases are generated once (deploy/kubernetes/generate), not on every build: this catches a
 * service whose name, HTTP port or management port changed since, which would leave probes and Service pointing
 * nowhere. Probes ask the management port; the Service exposes the HTTP port alone.
 */
class GeneratedBaseDriftTest {

    private static final Path REPO = Path.of(System.getProperty("orrery.kubernetes.dir", "../deploy/kubernetes"))
            .resolve("../..").normalize();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "todo-frontend, deploy/kubernetes/todo-frontend/base/kubernetes.yml",
            "profile-frontend, deploy/kubernetes/profile-frontend/base/kubernetes.yml",
            "bff-gateway, deploy/kubernetes/platform/gateway/base/kubernetes.yml"})
    void theBaseStillMatchesTheServicesConfiguration(String module, String base) throws IOException {
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(REPO.resolve(module + "/src/main/resources/application.properties"))) {
            config.load(reader);
        }
        int port = Integer.parseInt(config.getProperty("quarkus.http.port"));
        int management = Integer.parseInt(config.getProperty("quarkus.management.port"));
        List<KubeObject> objects = Manifests.load(REPO.resolve(base));
        KubeObject deployment = objects.stream().filter(o -> o.is("Deployment")).findFirst().orElseThrow();
        JsonNode container = deployment.spec().path("template").path("spec").path("containers").get(0);

        String regenerate = " (regenerate: deploy/kubernetes/generate/generate-bases.sh " + module + ")";
        assertEquals(config.getProperty("quarkus.application.name"), deployment.name(), "name" + regenerate);
        assertEquals(port, containerPort(container, "http"), "http containerPort" + regenerate);
        assertEquals(management, containerPort(container, "management"), "management containerPort" + regenerate);
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals(management, container.path(probe).path("httpGet").path("port").asInt(), probe + regenerate);
        }
        KubeObject service = objects.stream().filter(o -> o.is("Service")).findFirst().orElseThrow();
        assertEquals(List.of(port), service.spec().path("ports").values().stream()
                .map(p -> p.path("targetPort").asInt()).toList(), "Service" + regenerate);
    }

    private static int containerPort(JsonNode container, String name) {
        return container.path("ports").values().stream().filter(p -> p.path("name").asString("").equals(name))
                .mapToInt(p -> p.path("containerPort").asInt()).findFirst().orElse(0);
    }
}
