package dev.orrery.todo;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

/** Real access tokens from the launcher's Keycloak (password grant on the demo realm); never forged. */
public final class KeycloakTokens {

    // Tokens live for minutes; one per user is enough for a test run and spares Keycloak a login per test.
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private KeycloakTokens() {
    }

    public static String accessToken(String user) {
        return CACHE.computeIfAbsent(user, KeycloakTokens::fetch);
    }

    /** A token issued now, for tests that depend on when it expires. */
    public static String freshAccessToken(String user) {
        return fetch(user);
    }

    private static String fetch(String user) {
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
