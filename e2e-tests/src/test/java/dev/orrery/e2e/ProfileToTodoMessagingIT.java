package dev.orrery.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static String authorNameInTodoDatabase(String displayName) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5439/todo_e2e", "orrery", "orrery");
                PreparedStatement s = c.prepareStatement("SELECT display_name FROM author WHERE display_name = ?")) {
            s.setString(1, displayName);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void firstSightOfBobInProfileReachesTodosAuthorCopy() {
        given().auth().oauth2(Keycloak.accessToken("bob"))
                .get("http://localhost:" + Platform.PROFILE_PORT + "/fragments/badge")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> authorNameInTodoDatabase("Bob Builder") != null);
    }
}
