package dev.orrery.todo;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

/** Real access tokens from the launcher's Keycloak (password grant on the demo realm); never forged. */
public final class KeycloakTokens {

    private KeycloakTokens() {
    }

    public static String accessToken(String user) {
        String realm = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", "orrery-gateway")
                .formParam("client_secret", "orrery-gateway-secret")
                .formParam("username", user)
                .formParam("password", user + "-orrery")
                .formParam("scope", "openid profile email")
                .post(realm + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
