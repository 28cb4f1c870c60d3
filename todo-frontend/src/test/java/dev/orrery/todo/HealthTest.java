package dev.orrery.todo;

import static dev.orrery.todo.ManagementInterface.management;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readinessCoversTheDatabaseAndTheWholeReportTheBroker() {
        management().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check", "broker channels connected once"))
                .body("checks.name", not(hasItems("broker cluster nodes")));
        management().get("/q/health")
                .then().statusCode(200)
                .body("checks.name", hasItems("SmallRye Reactive Messaging - liveness check", "broker cluster nodes"));
    }
}
