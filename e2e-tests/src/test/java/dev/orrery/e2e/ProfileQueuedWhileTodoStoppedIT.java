package dev.orrery.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * While todo-frontend is stopped, profile changes wait in its durable quorum queue; when it starts again it applies
 * them to its own author copy. profile-frontend never notices that todo-frontend was away.
 */
class ProfileQueuedWhileTodoStoppedIT {

    private static final String MANAGEMENT = "http://127.0.0.1:15681/api";

    @BeforeAll
    static void start() {
        Platform.start();
    }

    @AfterAll
    static void restoreTodo() throws Exception {
        Platform.startService("todo-frontend");
        rename("Alice Liddell");
    }

    private static void rename(String name) {
        given().auth().oauth2(Keycloak.accessToken("alice")).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "styleGuide", "daylight", "timeZone", "UTC"))
                .put("http://localhost:" + Platform.PROFILE_PORT + "/api/profile").then().statusCode(200);
    }

    private static int messagesWaiting() {
        Integer ready = given().urlEncodingEnabled(false).auth().preemptive().basic("orrery", "orrery")
                .get(MANAGEMENT + "/queues/%2F/" + Platform.TODO_PROFILE_QUEUE)
                .then().statusCode(200).extract().path("messages");
        return ready == null ? 0 : ready;
    }

    @Test
    void profileUpdatesQueueUpAndAreAppliedWhenTodoStartsAgain() throws Exception {
        String userId = given().auth().oauth2(Keycloak.accessToken("alice"))
                .get("http://localhost:" + Platform.PROFILE_PORT + "/api/profile").then().statusCode(200)
                .extract().path("userId");
        Platform.stopService("todo-frontend");

        String name = "Alice Queued " + UUID.randomUUID().toString().substring(0, 6);
        rename(name);
        // The management API's counters lag a few seconds behind.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> messagesWaiting() >= 1);
        assertNotEquals(name, TodoAuthorCopy.displayName(userId));

        Platform.startService("todo-frontend");
        await().atMost(Duration.ofSeconds(30)).until(() -> name.equals(TodoAuthorCopy.displayName(userId)));
    }
}
