package dev.orrery.deploy.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.orrery.deploy.render.KubeObject;
import tools.jackson.databind.JsonNode;

/**
 * A container's management port (named {@code management}: health, metrics, OpenAPI) is where its probes go, and no
 * Service targets it, so neither the Service nor an Ingress in front of it ever reaches /q/*.
 */
final class ManagementPortPrivate implements Policy {

    private static final String NAME = "management";
    private static final List<String> PROBES = List.of("readinessProbe", "livenessProbe", "startupProbe");

    @Override
    public List<String> violations(List<KubeObject> objects) {
        List<KubeObject> services = objects.stream().filter(o -> o.is("Service")).toList();
        List<String> violations = new ArrayList<>();
        for (KubeObject deployment : objects.stream().filter(o -> o.is("Deployment")).toList()) {
            JsonNode pod = deployment.spec().path("template");
            for (JsonNode container : pod.path("spec").path("containers").values()) {
                int port = managementPort(container);
                if (port == 0) {
                    continue;
                }
                for (String probe : PROBES) {
                    JsonNode probePort = container.path(probe).path("httpGet").path("port");
                    if (!probePort.isMissingNode() && !isManagement(probePort, port)) {
                        violations.add(deployment.describe() + ": container " + container.path("name").asString("?")
                                + " has its " + probe + " on port " + probePort.asString() + ", not on its management port "
                                + port);
                    }
                }
                for (KubeObject service : services) {
                    if (service.namespace().equals(deployment.namespace())
                            && selects(service.spec().path("selector"), pod.path("metadata").path("labels"))
                            && service.spec().path("ports").values().stream()
                                    .anyMatch(p -> isManagement(p.path("targetPort"), port))) {
                        violations.add(service.describe() + " exposes the management port " + port + " of "
                                + deployment.describe());
                    }
                }
            }
        }
        return violations;
    }

    private static int managementPort(JsonNode container) {
        return container.path("ports").values().stream().filter(p -> p.path("name").asString("").equals(NAME))
                .mapToInt(p -> p.path("containerPort").asInt()).findFirst().orElse(0);
    }

    private static boolean isManagement(JsonNode port, int number) {
        return port.isNumber() ? port.asInt() == number : port.asString("").equals(NAME);
    }

    private static boolean selects(JsonNode selector, JsonNode podLabels) {
        return !selector.isEmpty() && selector.properties().stream()
                .allMatch((Map.Entry<String, JsonNode> label) -> podLabels.path(label.getKey()).asString("")
                        .equals(label.getValue().asString()));
    }
}
