package dev.orrery.profile;

import static dev.orrery.profile.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.contracts.rest.RestContractChecker;
import dev.orrery.contracts.rest.RestContracts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The REST contract the gateway's clients rely on (api-contracts' {@code contracts/rest/profile-frontend.openapi.json})
 * still holds for this build's live OpenAPI document and manifest: a breaking API change fails this build.
 */
@QuarkusTest
class RestContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void liveOpenApiAndManifestSatisfyTheContract() throws Exception {
        JsonNode live = mapper.readTree(management().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asByteArray());
        FragmentManifest manifest = given().get(FragmentManifest.PATH).then().statusCode(200)
                .extract().as(FragmentManifest.class);
        JsonNode contract;
        try (InputStream in = RestContracts.class.getClassLoader().getResourceAsStream(RestContracts.PROFILE_FRONTEND)) {
            assertNotNull(in, RestContracts.PROFILE_FRONTEND + " is on the classpath (api-contracts)");
            contract = mapper.readTree(in);
        }
        List<String> problems = RestContractChecker.problems(contract, live, manifest);
        assertEquals(List.of(), problems, "breaking changes to the REST contract (see docs/contracts.md)");
    }
}
