package dev.orrery.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * A socket outliving its access token is closed with 4401 "token expired". The token is a real one from Keycloak
 * (15 min); a skew of all but a few seconds of that makes its expiry observable without waiting for it.
 */
@QuarkusTest
@TestProfile(TokenExpiryTest.ShortLivedSockets.class)
class TokenExpiryTest {

    static final long SKEW_SECONDS = 895;

    public static class ShortLivedSockets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("todo.live.token-expiry-skew", SKEW_SECONDS + "s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void theSocketIsClosedWith4401WhenItsTokenExpires() throws Exception {
        String token = KeycloakTokens.freshAccessToken("alice");
        Instant closeAt = Instant.ofEpochSecond(expiry(token)).minusSeconds(SKEW_SECONDS);
        assertTrue(closeAt.isAfter(Instant.now()), "the realm's tokens live longer than the skew");
        try (LiveClient socket = LiveClient.connect(vertx, base, token)) {
            socket.awaitReady();
            assertEquals("4401 token expired", socket.awaitClose(Duration.ofSeconds(30)));
            assertTrue(!Instant.now().isBefore(closeAt.minusMillis(500)), "not closed before the token's time");
        }
    }

    private static long expiry(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return new JsonObject(payload).getLong("exp");
    }
}
