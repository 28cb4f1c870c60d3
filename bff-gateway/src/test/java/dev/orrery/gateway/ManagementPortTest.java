package dev.orrery.gateway;

import static dev.orrery.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.orrery.gateway.stub.StubProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The site port serves the site only: health (which names internal checks) and OpenAPI answer on the management
 * port alone, to nobody's session, while on the site port they are unknown paths, signed in or not.
 */
@QuarkusTest
@TestProfile(StubProfile.class)
class ManagementPortTest {

    private static final String[] PATHS = { "/q/health", "/q/health/ready", "/q/health/live", "/q/openapi",
            "/q/metrics" };

    @TestHTTPResource("/")
    URL root;

    @Test
    void aSignedInUserFindsNothingUnderQOnTheSitePort() throws Exception {
        LoggedIn alice = LoggedIn.as(root.toString().replaceAll("/$", ""), "alice");
        for (String path : PATHS) {
            assertEquals(404, alice.get(path).statusCode(), path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/ready", "/q/openapi" })
    void anAnonymousVisitorGetsNoHealthOrOpenApiFromTheSitePort(String path) {
        given().redirects().follow(false).get(path).then().statusCode(not(200));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/ready", "/q/health/live", "/q/openapi" })
    void theManagementPortAnswersWithoutASession(String path) {
        management().redirects().follow(false).get(path).then().statusCode(200);
    }
}
