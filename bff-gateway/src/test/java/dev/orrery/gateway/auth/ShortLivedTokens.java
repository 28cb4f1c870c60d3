package dev.orrery.gateway.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.orrery.gateway.stub.StubFrontends;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The gateway logged in through a test-only Keycloak client whose access (and ID) tokens live
 * {@value #LIFESPAN_SECONDS} s, so a session's tokens expire during a test. The client is created (or reset) in the
 * real realm through Keycloak's admin REST API; the realm's own clients and settings are not touched.
 */
public class ShortLivedTokens implements QuarkusTestProfile {

    static final String CLIENT_ID = "orrery-gateway-refresh-test";
    static final int LIFESPAN_SECONDS = 4;
    private static final String KEYCLOAK = "http://localhost:8180";
    private static final String SECRET = "refresh-test-secret";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StubFrontends.class), new TestResourceEntry(Client.class));
    }

    public static class Client implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            JsonObject client = new JsonObject().put("clientId", CLIENT_ID).put("enabled", true)
                    .put("publicClient", false).put("secret", SECRET).put("standardFlowEnabled", true)
                    .put("redirectUris", new JsonArray().add("http://localhost:*").add("http://127.0.0.1:*"))
                    .put("attributes", new JsonObject().put("access.token.lifespan", String.valueOf(LIFESPAN_SECONDS))
                            .put("post.logout.redirect.uris", "+"));
            HttpResponse<String> created = admin("POST", "/admin/realms/orrery/clients", client.encode());
            if (created.statusCode() == 409) {
                String id = new JsonArray(admin("GET", "/admin/realms/orrery/clients?clientId=" + CLIENT_ID, null).body())
                        .getJsonObject(0).getString("id");
                check(admin("PUT", "/admin/realms/orrery/clients/" + id, client.put("id", id).encode()));
            } else {
                check(created);
            }
            return Map.of("quarkus.oidc.client-id", CLIENT_ID, "quarkus.oidc.credentials.secret", SECRET);
        }

        @Override
        public void stop() {
            // the client stays: the next run resets it, and nothing else uses it
        }
    }

    /** Ends one Keycloak session (not the user's other sessions, which other tests may be using). */
    static void endKeycloakSession(String sessionId) {
        check(admin("DELETE", "/admin/realms/orrery/sessions/" + sessionId, null));
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak admin API: " + response.statusCode() + " " + response.body());
        }
    }

    private static HttpResponse<String> admin(String method, String path, String json) {
        try {
            HttpClient http = HttpClient.newHttpClient();
            String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                    + URLEncoder.encode("admin", StandardCharsets.UTF_8);
            String token = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK
                    + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).getString("access_token");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(KEYCLOAK + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
