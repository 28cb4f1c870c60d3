package dev.orrery.gateway.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontend.Answer;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import dev.orrery.gateway.stub.StubbedGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * A gateway instance that has never seen a ProfileUpdated for a user (a fresh start: this test profile starts its own
 * instance) reads the user's style guide from profile-frontend's API with the user's token, keeps it, and falls back
 * to the default without failing the page when profile-frontend does not answer.
 */
@QuarkusTest
@TestProfile(StyleGuideLookupTest.FreshGateway.class)
class StyleGuideLookupTest extends StubbedGateway {

    public static class FreshGateway extends StubProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.style-guides.lookup-timeout", "300ms", "gateway.style-guides.retry-after", "2s");
        }
    }

    private static final String PROFILE_API = "/api/profile";
    private static final String LIST = "/fragments/list";

    @Inject
    ProfileEvents events;

    @Test
    void aFreshInstanceReadsTheChoiceFromProfileFrontendOnceAndKeepsIt() throws Exception {
        LoggedIn alice = logIn("alice", Answer.ok(profile("contrast", 3))); // its landing page looked the guide up

        var page = alice.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-style-guide=\"contrast\""), page.body());
        assertEquals("contrast", StubFrontends.todo().seen(LIST).get(0).headers().get("X-Orrery-Style-Guide"));
        assertEquals(1, StubFrontends.profile().seen(PROFILE_API).size());
        assertTrue(StubFrontends.profile().seen(PROFILE_API).get(0).headers().get("Authorization").startsWith("Bearer ey"));

        assertTrue(alice.get("/").body().contains("data-style-guide=\"contrast\""));
        assertEquals(1, StubFrontends.profile().seen(PROFILE_API).size(), "a kept copy is not looked up again");

        // Events refresh the copy; an event older than the copy does not undo it.
        String userId = StubFrontends.todo().seen(LIST).get(0).headers().get("X-Orrery-User");
        events.onProfileUpdated(new JsonObject().put("userId", userId).put("styleGuide", "nightfall").put("version", 4));
        assertTrue(alice.get("/").body().contains("data-style-guide=\"nightfall\""));
        events.onProfileUpdated(new JsonObject().put("userId", userId).put("styleGuide", "contrast").put("version", 2));
        assertTrue(alice.get("/").body().contains("data-style-guide=\"nightfall\""));
    }

    @Test
    void whenProfileFrontendDoesNotAnswerThePageUsesTheDefaultAndTheLookupIsRetriedLater() throws Exception {
        LoggedIn bob = logIn("bob", new Answer(503, "down", 0, Map.of()));
        StubFrontends.profile().answer(PROFILE_API, Answer.ok(profile("contrast", 5)).delayed(2000));
        Thread.sleep(2100); // waits out retry-after (a wait for a clock, not a timing assertion)

        long started = System.nanoTime();
        var page = bob.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-style-guide=\"daylight\""), page.body());
        assertTrue(System.nanoTime() - started < 1_800_000_000L, "the page did not wait for the slow lookup");

        StubFrontends.profile().answer(PROFILE_API, new Answer(503, "down", 0, Map.of()));
        assertTrue(bob.get("/").body().contains("data-style-guide=\"daylight\""), "not asked again before retry-after");

        StubFrontends.profile().answer(PROFILE_API, Answer.ok(profile("contrast", 5)));
        Thread.sleep(2100); // waits out retry-after (a wait for a clock, not a timing assertion)
        assertTrue(bob.get("/").body().contains("data-style-guide=\"contrast\""));
    }

    /** A new session of the user, with profile-frontend answering the lookup so (the landing page is the first). */
    private LoggedIn logIn(String user, Answer profileApi) throws Exception {
        StubFrontends.reset();
        registry.refreshAll().await().indefinitely();
        StubFrontends.todo().answer(LIST, Answer.ok("<ul></ul>"));
        StubFrontends.profile().answer("/fragments/profile", Answer.ok("<section>profile</section>"));
        StubFrontends.profile().answer(PROFILE_API, profileApi);
        return LoggedIn.as(root.toString().replaceAll("/$", ""), user);
    }

    private static String profile(String styleGuide, long version) {
        return new JsonObject().put("userId", "ignored").put("displayName", "Someone").put("styleGuide", styleGuide)
                .put("version", version).encode();
    }
}
