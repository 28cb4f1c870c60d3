package dev.orrery.profile;

import static dev.orrery.profile.ManagementInterface.management;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** The site port serves the site only: health, metrics and OpenAPI answer on the management port alone. */
@QuarkusTest
class ManagementPortTest {

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi" })
    void answersOnTheManagementPortOnly(String path) {
        given().get(path).then().statusCode(404);
        management().get(path).then().statusCode(200);
    }
}
