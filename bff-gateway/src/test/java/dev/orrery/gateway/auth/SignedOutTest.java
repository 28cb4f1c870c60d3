package dev.orrery.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Without a session, a script's request gets 401 with an ApiError body and a WebSocket upgrade is closed with 4440;
 * page navigations still go to Keycloak's login form. (A session whose refresh failed: {@link TokenRefreshTest}.)
 */
@QuarkusTest
@TestProfile(StubProfile.class)
class SignedOutTest {

    private static final String LOGIN = "http://localhost:8180/realms/orrery/protocol/openid-connect/auth";
    private static Vertx vertx;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startClient() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopClient() {
        vertx.close();
    }

    @Test
    void scriptsCallingTheApiWithoutASessionGet401WithAJsonBody() {
        StubFrontends.reset();
        for (String method : new String[] { "GET", "POST", "PATCH", "DELETE" }) {
            given().redirects().follow(false).header("Accept", "application/json").header("Sec-Fetch-Mode", "cors")
                    .request(method, "/api/todos/7")
                    .then().statusCode(401).contentType("application/json")
                    .body("status", equalTo(401)).body("message", equalTo(SignedOutAnswers.MESSAGE));
        }
        given().redirects().follow(false).get("/api/profile").then().statusCode(401).contentType("application/json");
        given().redirects().follow(false).header("Accept", "application/json").get("/admin/frontends")
                .then().statusCode(401).contentType("application/json");
        assertEquals(0, StubFrontends.todo().seen("/api/todos/7").size(), "nothing reached the front-end");
    }

    @Test
    void pageNavigationsStillGoToTheLoginForm() {
        given().redirects().follow(false).header("Accept", "text/html").get("/")
                .then().statusCode(302).header("Location", startsWith(LOGIN));
        given().redirects().follow(false).header("Sec-Fetch-Mode", "navigate").header("Accept", "text/html,*/*")
                .get("/api/todos").then().statusCode(302).header("Location", startsWith(LOGIN));
        given().redirects().follow(false).get("/profile").then().statusCode(302).header("Location", startsWith(LOGIN));
    }

    @Test
    void aLiveSocketWithoutASessionIsClosedWith4440() throws Exception {
        short code = closeCodeOf(vertx, root.getPort(), "");

        assertEquals(SignedOutAnswers.SIGNED_OUT, code);
    }

    @Test
    void aLiveSocketWithoutASessionFromAnotherOriginIsRefusedBeforeAnyUpgrade() {
        given().redirects().follow(false).header("Origin", "http://evil.example").header("Connection", "Upgrade")
                .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").get("/live/todos")
                .then().statusCode(403).contentType("application/json").body("status", equalTo(403));
    }

    /** Opens /live/todos with the given cookies and returns the close code the gateway sends. */
    static short closeCodeOf(Vertx vertx, int port, String cookies) throws Exception {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Origin", "http://localhost:" + port);
        if (!cookies.isEmpty()) {
            headers.add("Cookie", cookies);
        }
        CompletableFuture<Short> closed = new CompletableFuture<>();
        vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("localhost").setPort(port)
                .setURI("/live/todos").setHeaders(headers))
                .onSuccess(socket -> socket.closeHandler(v -> closed.complete(socket.closeStatusCode())))
                .onFailure(closed::completeExceptionally);
        return closed.get(10, TimeUnit.SECONDS);
    }
}
