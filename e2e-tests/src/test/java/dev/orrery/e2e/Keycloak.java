package dev.orrery.e2e;

import static io.restassured.RestAssured.given;

/** Real tokens from the launcher's Keycloak (password grant on the demo realm). */
public final class Keycloak {

    public static final String REALM = "http://localhost:8180/realms/orrery";

    private Keycloak() {
    }

    public static String accessToken(String user) {
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", "orrery-gateway")
                .formParam("client_secret", "orrery-gateway-secret")
                .formParam("username", user)
                .formParam("password", user + "-orrery")
                .formParam("scope", "openid profile email")
                .post(REALM + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
