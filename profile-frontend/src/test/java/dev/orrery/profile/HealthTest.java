package dev.orrery.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readinessCoversDatabaseAndTheOutboxBacklog() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check", "profile-events outbox"))
                .body("checks.find { it.name == 'profile-events outbox' }.data.pending", notNullValue())
                .body("checks.find { it.name == 'profile-events outbox' }.data.state", notNullValue());
    }
}
