package dev.orrery.gateway.admin;

import static dev.orrery.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

        LoggedIn ada = LoggedIn.as(site(), "ada");
        var response = ada.get("/admin/frontends");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"name\":\"profile\"") && response.body().contains("\"state\":\"stable\""),
                response.body());
        assertTrue(response.body().contains("\"url\":\"" + StubFrontends.todo().url()));
    }

    @Test
    void signedInUsersWithoutTheAdminRoleAreRefused() throws Exception {
        StubFrontends.reset();
        for (String user : new String[] { "alice", "bob" }) {
            var response = LoggedIn.as(site(), user).get("/admin/frontends");

            assertEquals(403, response.statusCode(), user);
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("orrery-admin"), response.body());
            assertFalse(response.body().contains(StubFrontends.todo().url()), "nothing of the registry: " + response.body());
        }
    }

    private String site() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void readinessReportsEveryFrontEndsManifest() {
        StubFrontends.reset();
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'front-end manifests' }.data.todo", equalTo("stable 1"))
                .body("checks.find { it.name == 'front-end manifests' }.data.keySet()", contains("profile", "todo"));
    }
}
