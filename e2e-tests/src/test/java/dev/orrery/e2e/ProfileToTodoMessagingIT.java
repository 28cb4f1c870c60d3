package dev.orrery.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * profile-frontend publishes ProfileUpdated through HAProxy to the cluster; todo-frontend consumes it from its quorum
 * queue into its own author copy. Neither service calls the other.
 */
class ProfileToTodoMessagingIT {

    @BeforeAll
    static void start() {
        Platform.start();
    }

    @Test
    void firstSightOfBobInProfileReachesTodosAuthorCopy() {
        String bob = Keycloak.accessToken("bob");
        given().auth().oauth2(bob)
                .get("http://localhost:" + Platform.PROFILE_PORT + "/fragments/badge")
                .then().statusCode(200);
        String userId = given().auth().oauth2(bob)
                .get("http://localhost:" + Platform.PROFILE_PORT + "/api/profile").then().statusCode(200)
                .extract().path("userId");
        await().atMost(Duration.ofSeconds(20)).until(() -> "Bob Builder".equals(TodoAuthorCopy.displayName(userId)));
    }
}
