package dev.orrery.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.orrery.deploy.schema.SchemaCatalog;

/** The vendored Kubernetes and CRD schemas reject what the API server (strict field validation) would. */
class SchemaValidationTest {

    private static final SchemaCatalog SCHEMAS = new SchemaCatalog();

    private static List<String> violations(String fixture) {
        return Fixtures.load(fixture).stream().flatMap(o -> SCHEMAS.violations(o).stream()).toList();
    }

    @Test
    void theValidFixtureMatchesItsSchemas() {
        assertEquals(List.of(), violations("valid.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deployment-misspelt-field.yaml       | Deployment demo       | replica
            deployment-wrong-type.yaml           | Deployment demo       | port
            deployment-missing-required.yaml     | Deployment demo       | name
            rabbitmqcluster-misspelt-field.yaml  | RabbitmqCluster       | replica
            rabbitmqcluster-wrong-type.yaml      | RabbitmqCluster       | replicas
            cnpg-cluster-wrong-type.yaml         | Cluster todo-db       | instances
            keycloak-misspelt-field.yaml         | Keycloak keycloak     | instance
            realm-import-misspelt-field.yaml     | KeycloakRealmImport   | enabeld
            unknown-kind.yaml                    | NetworkPolicy demo    | no vendored schema
            """)
    void aBadFixtureIsRejected(String fixture, String object, String detail) {
        List<String> violations = violations("schema/" + fixture);
        assertFalse(violations.isEmpty(), fixture + " passed its schema");
        assertTrue(violations.stream().allMatch(v -> v.startsWith(object)), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains(detail)), violations.toString());
    }
}
