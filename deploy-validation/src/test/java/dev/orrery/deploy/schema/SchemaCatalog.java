package dev.orrery.deploy.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.orrery.deploy.render.KubeObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vendored schemas (src/test/resources/schemas, see SOURCES.md there) by apiVersion and kind.
 * A kind without a vendored schema is itself a violation: nothing reaches a cluster unchecked.
 */
public final class SchemaCatalog {

    private static final String BASE = "/schemas/";
    private static final String CRDS = "crds/";
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("apps/v1/Deployment", "kubernetes/v1.32/deployment-apps-v1.json"),
            Map.entry("v1/Service", "kubernetes/v1.32/service-v1.json"),
            Map.entry("v1/ConfigMap", "kubernetes/v1.32/configmap-v1.json"),
            Map.entry("v1/Secret", "kubernetes/v1.32/secret-v1.json"),
            Map.entry("v1/Namespace", "kubernetes/v1.32/namespace-v1.json"),
            Map.entry("v1/ServiceAccount", "kubernetes/v1.32/serviceaccount-v1.json"),
            Map.entry("policy/v1/PodDisruptionBudget", "kubernetes/v1.32/poddisruptionbudget-policy-v1.json"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    "kubernetes/v1.32/horizontalpodautoscaler-autoscaling-v2.json"),
            Map.entry("networking.k8s.io/v1/Ingress", "kubernetes/v1.32/ingress-networking-v1.json"),
            Map.entry("rabbitmq.com/v1beta1/RabbitmqCluster", "crds/rabbitmqcluster-rabbitmq.com-v1beta1.json"),
            Map.entry("postgresql.cnpg.io/v1/Cluster", "crds/cluster-postgresql.cnpg.io-v1.json"),
            Map.entry("k8s.keycloak.org/v2alpha1/Keycloak", "crds/keycloak-k8s.keycloak.org-v2alpha1.json"),
            Map.entry("k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
                    "crds/keycloakrealmimport-k8s.keycloak.org-v2alpha1.json"));

    private final JsonMapper json = new JsonMapper();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private final Map<String, Schema> loaded = new HashMap<>();

    public List<String> violations(KubeObject object) {
        String type = object.apiVersion() + "/" + object.kind();
        String file = FILES.get(type);
        if (file == null) {
            return List.of(object.describe() + ": no vendored schema for " + type
                    + " (vendor it as docs/kubernetes.md describes)");
        }
        return schema(file).validate(object.body()).stream()
                .map(error -> object.describe() + ": " + error.getInstanceLocation() + " " + error.getMessage())
                .toList();
    }

    private Schema schema(String file) {
        return loaded.computeIfAbsent(file, f -> registry.getSchema(SchemaLocation.of("https://schemas.orrery.dev/" + f),
                f.startsWith(CRDS) ? StrictSchemas.strictCustomResource(read(f)) : StrictSchemas.strict(read(f))));
    }

    private JsonNode read(String file) {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("vendored schema missing from the classpath: " + BASE + file);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
