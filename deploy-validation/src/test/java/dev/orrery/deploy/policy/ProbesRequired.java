package dev.orrery.deploy.policy;

import java.util.List;
import java.util.stream.Stream;

import dev.orrery.deploy.render.KubeObject;
import tools.jackson.databind.JsonNode;

/** Without a readiness probe a rolling update sends traffic to pods that cannot serve yet. */
final class ProbesRequired implements Policy {

    private static final List<String> PROBES = List.of("readinessProbe", "livenessProbe");

    @Override
    public List<String> violations(List<KubeObject> objects) {
        return objects.stream().filter(o -> o.is("Deployment"))
                .flatMap(deployment -> deployment.spec().path("template").path("spec").path("containers").values()
                        .stream().flatMap(container -> missing(deployment, container)))
                .toList();
    }

    private static Stream<String> missing(KubeObject deployment, JsonNode container) {
        return PROBES.stream().filter(probe -> !container.path(probe).isObject())
                .map(probe -> deployment.describe() + ": container " + container.path("name").asString("?")
                        + " has no " + probe);
    }
}
