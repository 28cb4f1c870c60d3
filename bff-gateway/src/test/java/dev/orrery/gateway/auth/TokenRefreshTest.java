package dev.orrery.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontend.Answer;
import dev.orrery.gateway.stub.StubFrontend.Seen;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubbedGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Token refresh against the real Keycloak, with a client whose tokens live {@value ShortLivedTokens#LIFESPAN_SECONDS}
 * s: after expiry a page is served with a refreshed access token relayed to the fragments; when the refresh fails
 * (the Keycloak session was ended) the visitor is sent to the login form.
 */
@QuarkusTest
@TestProfile(ShortLivedTokens.class)
class TokenRefreshTest extends StubbedGateway {

    private static final String LIST = "/fragments/list";
    private LoggedIn alice;

    @BeforeEach
    void setUp() throws Exception {
        resetAndLogIn("bob"); // resets the stubs; alice gets a session of her own per test below
        StubFrontends.todo().answer(LIST, Answer.ok("<ul><li>milk</li></ul>"));
        alice = LoggedIn.as(root.toString().replaceAll("/$", ""), "alice");
    }

    @Test
    void aPageAfterExpiryIsServedWithARefreshedTokenRelayedToTheFragments() throws Exception {
        assertEquals(200, alice.get("/").statusCode());
        JsonObject first = claims(lastTokenSeen());
        waitUntilExpired(first);

        HttpResponse<String> page = alice.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<li>milk</li>"));
        JsonObject refreshed = claims(lastTokenSeen());
        assertNotEquals(first.getString("jti"), refreshed.getString("jti"));
        assertTrue(refreshed.getLong("exp") > first.getLong("exp"), "a new, later expiry");
        assertEquals(first.getString("sid"), refreshed.getString("sid"), "same Keycloak session, refreshed");
        assertTrue(refreshed.getLong("exp") * 1000 > System.currentTimeMillis() - 1000);
    }

    @Test
    void aFailedRefreshSendsTheVisitorToTheLoginForm() throws Exception {
        assertEquals(200, alice.get("/").statusCode());
        JsonObject token = claims(lastTokenSeen());
        ShortLivedTokens.endKeycloakSession(token.getString("sid"));
        waitUntilExpired(token);
        int seenBefore = StubFrontends.todo().seen(LIST).size();

        HttpResponse<String> page = alice.get("/");

        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow()
                .startsWith("http://localhost:8180/realms/orrery/protocol/openid-connect/auth"));
        assertEquals(seenBefore, StubFrontends.todo().seen(LIST).size(), "no fragment was asked with a dead token");
    }

    @Test
    void aFailedRefreshAnswersScriptsWith401AndClosesTheLiveSocketWith4440() throws Exception {
        assertEquals(200, alice.get("/").statusCode());
        JsonObject token = claims(lastTokenSeen());
        ShortLivedTokens.endKeycloakSession(token.getString("sid"));
        waitUntilExpired(token);
        String cookies = alice.sessionCookies();

        HttpResponse<String> api = alice.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(alice.site + "/api/todos")).header("Accept", "application/json"));

        assertEquals(401, api.statusCode());
        assertEquals("application/json", api.headers().firstValue("Content-Type").orElse(""));
        assertEquals(401, new JsonObject(api.body()).getInteger("status"));
        assertTrue(StubFrontends.todo().seen("/api/todos").isEmpty(), "nothing forwarded with a dead session");
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            assertEquals(SignedOutAnswers.SIGNED_OUT, SignedOutTest.closeCodeOf(vertx, root.getPort(), cookies));
        } finally {
            vertx.close();
        }
    }

    private static String lastTokenSeen() {
        List<Seen> seen = StubFrontends.todo().seen(LIST);
        String authorization = seen.get(seen.size() - 1).headers().get("Authorization");
        assertTrue(authorization.startsWith("Bearer "));
        return authorization.substring("Bearer ".length());
    }

    private static JsonObject claims(String jwt) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** Waits out the token's lifetime (a wait for a clock, not a timing assertion). */
    private static void waitUntilExpired(JsonObject token) throws InterruptedException {
        long left = token.getLong("exp") * 1000 - System.currentTimeMillis();
        Thread.sleep(Math.max(0, left) + 1500);
    }
}
