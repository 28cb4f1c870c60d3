package dev.orrery.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.everyItem;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The launcher's broker is a real three-node cluster, and the services' queue is a replicated quorum queue. */
class ClusterIT {

    private static final String MANAGEMENT = "http://127.0.0.1:15681/api";

    @BeforeAll
    static void start() {
        Platform.start();
    }

    @Test
    void clusterHasThreeRunningNodes() {
        List<String> names = given().auth().preemptive().basic("orrery", "orrery")
                .get(MANAGEMENT + "/nodes")
                .then().statusCode(200)
                .body("$", hasSize(3))
                .body("running", everyItem(equalTo(true)))
                .extract().path("name");
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of("rmq1@localhost", "rmq2@localhost", "rmq3@localhost"), names.stream().sorted().toList());
    }

    @Test
    void todoProfileEventsQueueIsQuorumOnAllThreeNodes() {
        given().urlEncodingEnabled(false).auth().preemptive().basic("orrery", "orrery")
                .get(MANAGEMENT + "/queues/%2F/" + Platform.TODO_PROFILE_QUEUE)
                .then().statusCode(200)
                .body("type", equalTo("quorum"))
                .body("durable", equalTo(true))
                .body("members", hasSize(3));
    }

    @Test
    void everyServiceReportsBrokerAndDatabaseHealth() {
        for (int port : new int[] { Platform.TODO_PORT, Platform.PROFILE_PORT }) {
            given().get(Platform.managementUrl(port) + "/q/health/ready").then().statusCode(200)
                    .body("checks.name", org.hamcrest.Matchers.hasItems("Database connections health check"));
        }
        // todo's broker channels report in liveness and wellness, not readiness (docs/ha.md)
        given().get(Platform.managementUrl(Platform.TODO_PORT) + "/q/health").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("SmallRye Reactive Messaging - liveness check",
                        "broker cluster nodes"))
                .body("checks.find { it.name == 'broker cluster nodes' }.data.state", org.hamcrest.Matchers.is("OK"));
        given().get(Platform.managementUrl(Platform.PROFILE_PORT) + "/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'profile-events broker' }.data.state", org.hamcrest.Matchers.is("UP"));
        given().get(Platform.managementUrl(Platform.GATEWAY_PORT) + "/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItem("SmallRye Reactive Messaging - readiness check"));
    }
}
