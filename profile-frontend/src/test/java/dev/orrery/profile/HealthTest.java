package dev.orrery.profile;

import static dev.orrery.profile.ManagementInterface.management;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readinessCoversDatabaseAndTheOutboxBacklog() {
        management().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check", "profile-events outbox"))
                .body("checks.find { it.name == 'profile-events outbox' }.data.pending", notNullValue())
                .body("checks.find { it.name == 'profile-events outbox' }.data.state", is("ok"))
                // e2e's ClusterIT looks for the connector's check too; the todo-side consumers still use it.
                .body("checks.name", hasItems("SmallRye Reactive Messaging - readiness check"));
        management().get("/q/health/well")
                .then().statusCode(200)
                .body("checks.find { it.name == 'profile-events broker' }.status", is("UP"))
                .body("checks.find { it.name == 'profile-events broker' }.data.state", is("UP"))
                .body("checks.find { it.name == 'profile-events broker' }.data.reachable", is(2));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        management().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("orrery_profile_events_published_total"))
                .body(org.hamcrest.Matchers.containsString("orrery_profile_events_confirmed_total"))
                .body(org.hamcrest.Matchers.containsString("orrery_profile_events_nacked_total"))
                .body(org.hamcrest.Matchers.containsString("orrery_profile_events_retries_total"))
                .body(org.hamcrest.Matchers.containsString("orrery_profile_broker_reconnects_total"));
    }
}
