package dev.orrery.gateway.admin;

import static dev.orrery.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(StubProfile.class)
class FrontendsResourceTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void operatorsSeeEachFrontEndsVersionAndStateAfterLogin() throws Exception {
        StubFrontends.reset();
        given().redirects().follow(false).get("/admin/frontends").then().statusCode(302);

        LoggedIn alice = LoggedIn.as(root.toString().replaceAll("/$", ""), "alice");
        var response = alice.get("/admin/frontends");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"name\":\"profile\"") && response.body().contains("\"state\":\"stable\""),
                response.body());
        assertTrue(response.body().contains("\"url\":\"" + StubFrontends.todo().url()));
    }

    @Test
    void readinessReportsEveryFrontEndsManifest() {
        StubFrontends.reset();
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'front-end manifests' }.data.todo", equalTo("stable 1"))
                .body("checks.find { it.name == 'front-end manifests' }.data.keySet()", contains("profile", "todo"));
    }
}
