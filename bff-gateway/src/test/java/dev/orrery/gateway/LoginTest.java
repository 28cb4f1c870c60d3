package dev.orrery.gateway;

import static dev.orrery.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import dev.orrery.gateway.stub.StubFrontend.Answer;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(StubProfile.class)
class LoginTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void anonymousVisitorIsRedirectedToKeycloak() {
        given().redirects().follow(false)
                .get("/")
                .then().statusCode(302)
                .header("Location", startsWith("http://localhost:8180/realms/orrery/protocol/openid-connect/auth"));
    }

    @Test
    void healthOnTheManagementPortCoversTheBroker() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        LoggedIn alice = LoggedIn.as(site(), "alice");

        String session = alice.setCookies.stream().filter(c -> c.startsWith("q_session")).findFirst().orElseThrow();
        assertTrue(session.contains("HTTPOnly") || session.contains("HttpOnly"), session);
        assertTrue(session.toLowerCase().contains("samesite=lax"), session);
        assertFalse(session.contains("Secure"), "no Secure flag on plain http: " + session);
    }

    @Test
    void logoutEndsTheKeycloakSessionToo() throws Exception {
        StubFrontends.reset();
        StubFrontends.todo().answer("/fragments/list", Answer.ok("<ul data-fragment=\"todo:list\"></ul>"));
        LoggedIn bob = LoggedIn.as(site(), "bob");
        assertEquals(200, bob.get("/").statusCode());

        var loggedOut = bob.follow(java.net.http.HttpRequest.newBuilder(java.net.URI.create(site() + "/logout")));
        assertTrue(bob.sessionCookies().isEmpty(), "gateway session cookie removed");

        // Keycloak no longer knows the browser: the next visit ends on its login form, not silently logged in again.
        var next = bob.follow(java.net.http.HttpRequest.newBuilder(java.net.URI.create(site() + "/")));
        assertTrue(next.body().contains("kc-form-login"), "after logout: " + loggedOut.uri() + " then " + next.uri());
    }

    private String site() {
        return root.toString().replaceAll("/$", "");
    }
}
