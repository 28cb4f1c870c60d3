package dev.orrery.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadgeFragmentTest {

    @Test
    void badgeShowsTheSignedInUsersName() {
        given().auth().oauth2(KeycloakTokens.accessToken("alice"))
                .get("/fragments/badge")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Alice Liddell"));
    }

    @Test
    void badgeRefusesRequestsWithoutToken() {
        given().get("/fragments/badge").then().statusCode(401);
    }
}
