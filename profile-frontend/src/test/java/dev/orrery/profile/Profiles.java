package dev.orrery.profile;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** REST calls on the profile API as a real Keycloak user. */
final class Profiles {

    private Profiles() {
    }

    static ValidatableResponse get(String user) {
        return given().auth().oauth2(KeycloakTokens.accessToken(user)).get("/api/profile").then();
    }

    static ValidatableResponse put(String user, String displayName, String styleGuide, String timeZone) {
        return given().auth().oauth2(KeycloakTokens.accessToken(user)).contentType(ContentType.JSON)
                .body(Map.of("displayName", displayName, "styleGuide", styleGuide, "timeZone", timeZone))
                .put("/api/profile").then();
    }

    static String userId(String user) {
        return get(user).statusCode(200).extract().path("userId");
    }
}
