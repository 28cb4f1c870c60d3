package dev.orrery.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontend.Answer;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubbedGateway;
import dev.orrery.gateway.stub.TightLimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Writes per user: 3 at once, then 1 per second (TightLimitsProfile); every user has a bucket of their own. */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
class WriteRateLimitTest extends StubbedGateway {

    @Test
    void aUserPastTheLimitGets429AndNothingIsStoredWhileAnotherUserStillWrites() throws Exception {
        LoggedIn bob = resetAndLogIn("bob");
        LoggedIn alice = resetAndLogIn("alice");
        StubFrontends.todo().answer("/api/todos", new Answer(201, "{\"id\":1}", 0, Map.of("Content-Type", "application/json")));
        HttpRequest.Builder alicePost = post(alice);
        HttpRequest.Builder bobPost = post(bob);

        for (int i = 0; i < 3; i++) {
            assertEquals(201, alice.send(alicePost.copy()).statusCode());
        }
        HttpResponse<String> refused = alice.send(alicePost.copy());
        HttpResponse<String> bobsWrite = bob.send(bobPost.copy());

        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(refused.body().contains("\"status\":429"), refused.body());
        assertEquals(201, bobsWrite.statusCode());
        assertEquals(4, StubFrontends.todo().seen("/api/todos").size(), "3 of alice's and 1 of bob's, no more");
        var users = StubFrontends.todo().seen("/api/todos").stream().map(s -> s.headers().get("X-Orrery-User")).toList();
        assertEquals(3, users.stream().filter(users.get(0)::equals).count(), "alice's");
        assertEquals(1, users.stream().filter(u -> !u.equals(users.get(0))).count(), "bob's");

        Thread.sleep(retryAfter * 1000);
        assertEquals(201, alice.send(alicePost.copy()).statusCode(), "allowed again after Retry-After");
    }

    private HttpRequest.Builder post(LoggedIn user) throws Exception {
        Matcher meta = Pattern.compile("<meta name=\"orrery-csrf\" content=\"([^\"]+)\">").matcher(user.get("/").body());
        assertTrue(meta.find());
        return HttpRequest.newBuilder(URI.create(user.site + "/api/todos")).header("Content-Type", "application/json")
                .header("X-Orrery-CSRF", meta.group(1)).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}"));
    }
}
