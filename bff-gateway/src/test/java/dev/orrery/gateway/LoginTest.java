package dev.orrery.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LoginTest {

    @Test
    void anonymousVisitorIsRedirectedToKeycloak() {
        given().redirects().follow(false)
                .get("/")
                .then().statusCode(302)
                .header("Location", startsWith("http://localhost:8180/realms/orrery/protocol/openid-connect/auth"));
    }

    @Test
    void healthIsPublicAndCoversTheBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }
}
