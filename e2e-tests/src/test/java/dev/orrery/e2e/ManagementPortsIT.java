package dev.orrery.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged services, as they run in production mode, serve /q/* (health, metrics, OpenAPI) on their management
 * ports only: on a site port /q is an unknown path, and health never shows there.
 */
class ManagementPortsIT {

    private static final List<String> PATHS = List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi");

    @BeforeAll
    static void start() {
        Platform.start();
    }

    @ParameterizedTest
    @ValueSource(ints = { Platform.TODO_PORT, Platform.PROFILE_PORT })
    void aFrontEndAnswersQOnItsManagementPortOnly(int port) {
        String token = Keycloak.accessToken("alice");
        for (String path : PATHS) {
            given().get("http://localhost:" + port + path).then().statusCode(404);
            given().auth().oauth2(token).get("http://localhost:" + port + path).then().statusCode(404);
            given().get(Platform.managementUrl(port) + path).then().statusCode(200);
        }
    }

    @Test
    void theGatewayShowsAVisitorNoHealthOrOpenApi() {
        for (String path : PATHS) {
            // the login redirect (or 401/404): whatever a signed-out visitor gets for an unknown path
            given().redirects().follow(false).get(Platform.SITE + path).then()
                    .statusCode(anyOf(is(302), is(401), is(404)))
                    .body(not(containsString("checks")), not(containsString("openapi")));
        }
        for (String path : List.of("/q/health", "/q/health/ready", "/q/openapi")) {
            given().get(Platform.managementUrl(Platform.GATEWAY_PORT) + path).then().statusCode(200);
        }
    }
}
