package dev.orrery.gateway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontend.Answer;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import dev.orrery.gateway.stub.StubbedGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import dev.orrery.gateway.profile.ProfileEvents;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(StubProfile.class)
class CompositionTest extends StubbedGateway {

    private static final String LIST = "/fragments/list";
    private static final String BADGE = "/fragments/badge";
    private LoggedIn alice;

    @BeforeEach
    void setUp() throws Exception {
        alice = resetAndLogIn("alice");
        StubFrontends.todo().answer(LIST, Answer.ok("<ul data-fragment=\"todo:list\"><li>milk</li></ul>"));
        StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Alice Liddell</span>"));
    }

    @Test
    void headIsFlushedBeforeASlowOptionalFragmentAndSlotsFollowInDocumentOrder() throws Exception {
        StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Alice</span>").delayed(300));

        Map<String, Long> seenAt = readMarkers("/", "</head>", "profile-name", "milk");

        assertTrue(seenAt.get("</head>") < StubFrontends.profile().answeredAt(BADGE),
                "head arrives before the badge was even answered");
        assertTrue(seenAt.get("profile-name") <= seenAt.get("milk"), "slots in document order");
    }

    @Test
    void anOptionalFragmentOverItsBudgetGetsAPlaceholderAndIsStreamedOutOfOrderAtTheEnd() throws Exception {
        StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Late Alice</span>").delayed(1200));

        HttpResponse<String> page = alice.get("/");

        String body = page.body();
        assertEquals(200, page.statusCode());
        assertTrue(body.contains("<div data-slot=\"profile:badge\" data-pending>"), body);
        int slotEnd = body.indexOf("</main>");
        int template = body.indexOf("<template data-orrery-late=\"profile:badge\"><span class=\"profile-name\">Late Alice");
        assertTrue(slotEnd > 0 && template > slotEnd, "late fragment after the rest of the page");
        assertTrue(body.indexOf("</body>") > template);
        String placeholder = body.substring(body.indexOf("data-pending>"), body.indexOf("</div>", body.indexOf("data-pending>")));
        assertTrue(placeholder.contains("badge-fallback") || placeholder.contains("Alice Liddell"),
                "placeholder is the fallback or the last good copy: " + placeholder);
    }

    @Test
    void theSlotShowsTheFallbackOrItsLastGoodCopyWhenAnOptionalFragmentFails() throws Exception {
        StubFrontends.profile().answer(BADGE, new Answer(500, "boom", 0, Map.of()));
        StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Kept Alice</span>"));
        assertTrue(alice.get("/").body().contains("Kept Alice"));

        StubFrontends.profile().answer(BADGE, new Answer(503, "down", 0, Map.of()));
        HttpResponse<String> page = alice.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Kept Alice"));
        assertFalse(page.body().contains("down"));
    }

    @Inject
    ProfileEvents profileEvents;

    @Test
    void aProfileUpdatedEventForgetsTheUsersLastGoodCopies() throws Exception {
        StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Old Alice</span>"));
        assertTrue(alice.get("/").body().contains("Old Alice"));
        String userId = StubFrontends.profile().seen(BADGE).get(0).headers().get("X-Orrery-User");

        profileEvents.onProfileUpdated(new JsonObject().put("userId", userId).put("styleGuide", "nightfall"));
        StubFrontends.profile().answer(BADGE, new Answer(503, "down", 0, Map.of()));
        String body = alice.get("/").body();

        assertFalse(body.contains("Old Alice"), "the stale copy is gone");
        assertTrue(body.contains("badge-fallback"));
        assertTrue(body.contains("data-style-guide=\"nightfall\""));
        assertEquals("nightfall", StubFrontends.todo().seen(LIST).get(1).headers().get("X-Orrery-Style-Guide"));
        profileEvents.onProfileUpdated(new JsonObject().put("userId", userId).put("styleGuide", "daylight"));
    }

    @Test
    void aCacheableFragmentFreshByItsCacheControlIsReusedWithoutAskingUntilAProfileUpdated() throws Exception {
        Map<String, String> fresh = Map.of("Cache-Control", "max-age=60");
        StubFrontends.profile().answer(BADGE, new Answer(200, "<span>Cached Alice</span>", 0, fresh));
        StubFrontends.todo().answer(LIST, new Answer(200, "<ul><li>milk</li></ul>", 0,
                Map.of("Cache-Control", "no-cache, max-age=60")));
        assertTrue(alice.get("/").body().contains("Cached Alice"));
        String userId = StubFrontends.profile().seen(BADGE).get(0).headers().get("X-Orrery-User");
        StubFrontends.profile().answer(BADGE, new Answer(200, "<span>New Alice</span>", 0, fresh));

        var again = alice.get("/");

        assertTrue(again.body().contains("Cached Alice"), "still fresh: not asked again");
        assertEquals(1, StubFrontends.profile().seen(BADGE).size());
        assertEquals(2, StubFrontends.todo().seen(LIST).size(), "no-cache: asked every time");
        profileEvents.onProfileUpdated(new JsonObject().put("userId", userId).put("styleGuide", "daylight"));
        assertTrue(alice.get("/").body().contains("New Alice"), "forgotten on ProfileUpdated");
        assertEquals(2, StubFrontends.profile().seen(BADGE).size());
        profileEvents.onProfileUpdated(new JsonObject().put("userId", userId).put("styleGuide", "daylight"));
    }

    @Test
    void aPageWhoseHeadWaitsForItsPrimaryFragmentSendsEarlyHintsForTheHeadsAssetsFirst() throws Exception {
        StubFrontends.todo().answer(LIST, Answer.ok("<ul><li>milk</li></ul>").delayed(300));
        Vertx vertx = Vertx.vertx();
        try {
            java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            var response = vertx.createHttpClient().request(new RequestOptions().setHost(root.getHost())
                    .setPort(root.getPort()).setURI("/").addHeader("Cookie", alice.sessionCookies()))
                    .compose(request -> {
                        request.earlyHintsHandler(hints -> events.add("103 " + hints.get("Link")));
                        return request.send();
                    }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            events.add(String.valueOf(response.statusCode()));
            response.body().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertEquals(2, events.size(), events.toString());
            assertTrue(events.get(0).matches("103 </orrery/style/tokens\\.[0-9a-f]+\\.css>; rel=preload; as=style.*"),
                    events.get(0));
            assertTrue(events.get(0).contains("</todo/app.1a2b3c4d5e.js>; rel=modulepreload; crossorigin=anonymous"));
            assertEquals("200", events.get(1));
        } finally {
            vertx.close();
        }
    }

    @Test
    void serverTimingHeaderHasThePrimaryAndTheTrailerHasEveryFragment() throws Exception {
        StubFrontends.profile().answer("/fragments/profile", Answer.ok("<p>profile page</p>"));
        Vertx vertx = Vertx.vertx();
        try {
            var response = vertx.createHttpClient().request(new RequestOptions().setHost(root.getHost())
                    .setPort(root.getPort()).setURI("/profile").addHeader("Cookie", alice.sessionCookies()))
                    .compose(request -> request.send()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            response.body().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertEquals(200, response.statusCode());
            // the header lists what had settled when the status was committed: at least the primary
            assertTrue(response.getHeader("Server-Timing").contains("profile.page;dur="), response.getHeader("Server-Timing"));
            String trailer = response.trailers().get("Server-Timing");
            assertTrue(trailer.contains("profile.badge;dur=") && trailer.contains("desc=\"fresh 200\""), trailer);
        } finally {
            vertx.close();
        }
    }

    @Test
    void theFallbackIsUsedWhenNoCopyWasKept() throws Exception {
        StubFrontends.profile().answer(BADGE, new Answer(500, "boom", 0, Map.of()));
        LoggedIn bob = LoggedIn.as(alice.site, "bob");

        String body = bob.get("/").body();

        assertTrue(body.contains("<span class=\"badge-fallback\">Guest</span>"), body);
        assertFalse(body.contains("boom"));
    }

    @Test
    void thePrimaryFragmentsNotFoundBecomesThePages() throws Exception {
        StubFrontends.profile().answer("/fragments/profile", new Answer(404, "<p class=\"nf\">No such profile</p>", 0, Map.of()));

        HttpResponse<String> page = alice.get("/profile");

        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("No such profile") && page.body().contains("<head>"));
    }

    @Test
    void thePrimaryFragmentsRedirectBecomesThePagesAndStaysOnThisSite() throws Exception {
        StubFrontends.profile().answer("/fragments/profile",
                new Answer(302, "", 0, Map.of("Location", StubFrontends.profile().url() + "/profile?tab=1")));
        assertEquals("/profile?tab=1", alice.get("/profile").headers().firstValue("Location").orElseThrow());

        StubFrontends.profile().answer("/fragments/profile",
                new Answer(302, "", 0, Map.of("Location", "https://evil.example/steal")));
        HttpResponse<String> page = alice.get("/profile");
        assertEquals(302, page.statusCode());
        assertEquals("/", page.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aFailingRequiredFragmentGivesABrandedErrorPage() throws Exception {
        StubFrontends.todo().answer(LIST, new Answer(500, "<p>stack trace</p>", 0, Map.of()));

        HttpResponse<String> page = alice.get("/");

        assertEquals(502, page.statusCode());
        assertTrue(page.body().contains("class=\"orrery-error\"") && page.body().contains("/orrery/style/base."));
        assertFalse(page.body().contains("stack trace"));
    }

    @Test
    void aHugeFragmentIsStreamedWhole() throws Exception {
        String huge = "<p>" + "x".repeat(1_000_000) + "</p>";
        StubFrontends.todo().answer(LIST, Answer.ok(huge));

        HttpResponse<String> page = alice.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(huge) && page.body().endsWith("</html>\n"));
    }

    @Test
    void fragmentsGetTheTokenAndAllowListedContextHeadersButNeverCookies() throws Exception {
        alice.send(HttpRequest.newBuilder(URI.create(alice.site + "/"))
                .header("Accept-Language", "fr-CH, fr;q=0.9").header("X-Forwarded-For", "6.6.6.6")
                .header("X-Orrery-User", "someone-else"));

        var seen = StubFrontends.todo().seen(LIST).get(0).headers();
        assertFalse(seen.contains("Cookie"));
        assertTrue(seen.get("Authorization").startsWith("Bearer ey"));
        assertNotEquals("someone-else", seen.get("X-Orrery-User"));
        assertFalse(seen.get("X-Orrery-User").isBlank());
        assertEquals("fr-CH", seen.get("X-Orrery-Locale"));
        assertEquals("daylight", seen.get("X-Orrery-Style-Guide"));
        assertEquals(36, seen.get("X-Orrery-Request-Id").length());
        Set<String> allowed = Set.of("host", "accept", "authorization", "user-agent", "content-length",
                "x-orrery-user", "x-orrery-style-guide", "x-orrery-locale", "x-orrery-request-id");
        seen.names().forEach(name -> assertTrue(allowed.contains(name.toLowerCase()), "not allowed: " + name));
    }

    @Test
    void assetsOfAllManifestsAreDeDuplicatedIntoOneImportMapAndOneSetOfLinks() throws Exception {
        String body = alice.get("/").body();

        assertEquals(1, count(body, "<script type=\"importmap\">"));
        assertEquals(1, count(body, "href=\"/todo/todo.1a2b3c4d5e.css\" integrity=\"sha384-todocss\""));
        assertEquals(1, count(body, "src=\"/todo/app.1a2b3c4d5e.js\" integrity=\"sha384-app\""));
        assertTrue(body.contains("\"/todo/app.js\":\"/todo/app.1a2b3c4d5e.js\""), body);
        assertTrue(body.contains("\"/profile/badge.js\":\"/profile/badge.99aa88bb77.js\""));
        assertTrue(body.contains("\"/profile/badge.99aa88bb77.js\":\"sha384-badge\""));
    }

    @Test
    void aNewManifestVersionIsPickedUpAndAnInvalidOneIsRejectedKeepingTheLastValid() {
        StubFrontends.todo().manifest(StubFrontends.TODO_MANIFEST.formatted("2"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.manifest("todo").orElseThrow().version().equals("2"));

        StubFrontends.todo().manifest(StubFrontends.TODO_MANIFEST.formatted("3").replace("/fragments/list", "/../etc"));
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.state("todo").orElseThrow().failures() > 0);
        assertEquals("2", registry.manifest("todo").orElseThrow().version());
        assertTrue(registry.state("todo").orElseThrow().lastProblem().contains("path must be an absolute path"));
    }

    private Map<String, Long> readMarkers(String path, String... markers) throws Exception {
        HttpResponse<InputStream> response = alice.http.send(HttpRequest.newBuilder(URI.create(alice.site + path))
                .header("Cookie", alice.sessionCookies()).build(), HttpResponse.BodyHandlers.ofInputStream());
        Map<String, Long> seenAt = new LinkedHashMap<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.UTF_8);
                long now = System.nanoTime();
                for (String marker : markers) {
                    if (!seenAt.containsKey(marker) && text.contains(marker)) {
                        seenAt.put(marker, now);
                    }
                }
            }
        }
        assertEquals(markers.length, seenAt.size(), "all markers seen: " + seenAt.keySet());
        return seenAt;
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
