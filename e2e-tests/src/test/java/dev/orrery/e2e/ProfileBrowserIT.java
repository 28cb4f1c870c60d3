package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;

import io.restassured.http.ContentType;

/**
 * Through the gateway in Chromium: alice renames herself on the profile page; her open todo tab shows the new name on
 * her cards without a reload (ProfileUpdated → todo-frontend's author copy → its live socket), bob's tab never does.
 */
class ProfileBrowserIT extends InBrowser {

    @AfterAll
    static void restoreAlicesName() {
        rename("alice", "Alice Liddell");
    }

    private static void addTodo(String user, String text) {
        given().auth().oauth2(Keycloak.accessToken(user)).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("http://localhost:" + Platform.TODO_PORT + "/api/todos").then().statusCode(201);
    }

    private static void rename(String user, String name) {
        updateProfile(user, name, "daylight");
    }

    private static void updateProfile(String user, String name, String styleGuide) {
        given().auth().oauth2(Keycloak.accessToken(user)).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "styleGuide", styleGuide, "timeZone", "UTC"))
                .put("http://localhost:" + Platform.PROFILE_PORT + "/api/profile").then().statusCode(200);
    }

    /** The event path alone (profile API → broker → todo's copy → todo's socket → the tab), without the page's form. */
    @Test
    void aRenameThroughTheProfileApiReachesAlicesOpenTodoTabOnly() {
        addTodo("alice", "Alice's card " + UUID.randomUUID());
        addTodo("bob", "Bob's card " + UUID.randomUUID());
        Page aliceTodos = browser.newVisitor();
        Browser.logIn(aliceTodos, "alice");
        assertThat(aliceTodos.locator(".todo-author").first()).isVisible();
        Page bobTodos = browser.newVisitor();
        Browser.logIn(bobTodos, "bob");
        assertThat(bobTodos.locator(".todo-author").first()).isVisible();

        String newName = "Alice Api " + UUID.randomUUID().toString().substring(0, 6);
        rename("alice", newName);

        assertThat(aliceTodos.locator(".todo-author").first()).hasText(newName,
                new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        assertThat(bobTodos.locator("body")).not().containsText(newName);
        rename("alice", "Alice Liddell");
        aliceTodos.context().close();
        bobTodos.context().close();
    }

    /** A new style guide switches alice's open page at once (todo-frontend's socket), and nobody else's. */
    @Test
    void aChosenStyleGuideSwitchesAlicesOpenPageOnly() {
        addTodo("alice", "Alice's card " + UUID.randomUUID());
        Page aliceTodos = browser.newVisitor();
        Browser.logIn(aliceTodos, "alice");
        assertThat(aliceTodos.locator("[data-fragment='todo:list']")).hasAttribute("data-live-state", "open");
        Page bobTodos = browser.newVisitor();
        Browser.logIn(bobTodos, "bob");
        assertThat(bobTodos.locator("[data-fragment='todo:list']")).hasAttribute("data-live-state", "open");
        String background = "() => getComputedStyle(document.body).backgroundColor";
        Object daylightBackground = aliceTodos.evaluate(background);
        try {
            updateProfile("alice", "Alice Liddell", "nightfall");
            assertThat(aliceTodos.locator("html")).hasAttribute("data-style-guide", "nightfall",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
            org.junit.jupiter.api.Assertions.assertNotEquals(daylightBackground, aliceTodos.evaluate(background));
            assertThat(bobTodos.locator("html")).not().hasAttribute("data-style-guide", "nightfall");
        } finally {
            rename("alice", "Alice Liddell");
        }
        aliceTodos.context().close();
        bobTodos.context().close();
    }

    @Test
    void aliceRenamesHerselfAndHerOpenTodoTabFollowsLiveWhileBobsDoesNot() {
        addTodo("alice", "Alice's card " + UUID.randomUUID());
        addTodo("bob", "Bob's card " + UUID.randomUUID());
        String newName = "Alice Renamed " + UUID.randomUUID().toString().substring(0, 6);

        BrowserContext aliceSession = browser.newVisitor().context();
        Page aliceTodos = aliceSession.pages().get(0);
        Browser.logIn(aliceTodos, "alice");
        assertThat(aliceTodos.locator(".todo-author").first()).isVisible();

        Page bobTodos = browser.newVisitor();
        Browser.logIn(bobTodos, "bob");
        assertThat(bobTodos.locator(".todo-author").first()).isVisible();

        Page aliceProfile = aliceSession.newPage();
        aliceProfile.navigate(Platform.SITE + "/profile");
        aliceProfile.locator("#profile-display-name").fill(newName);
        Response posted = aliceProfile.waitForResponse(r -> r.url().contains("/api/profile/form"),
                () -> aliceProfile.locator("form[data-profile-form] button[type=submit]").click());
        assertEquals(303, posted.status(), () -> "form post answered " + posted.status() + ": " + posted.text());
        aliceProfile.waitForLoadState();
        assertThat(aliceProfile.locator(".profile-saved")).hasText("Your profile was saved.");

        LocatorAssertions.HasTextOptions live = new LocatorAssertions.HasTextOptions().setTimeout(20_000);
        assertThat(aliceTodos.locator(".todo-author").first()).hasText(newName, live);
        assertThat(bobTodos.locator("body")).not().containsText(newName);
        assertThat(bobTodos.locator(".todo-author").first()).hasText("Bob Builder");

        aliceSession.close();
        bobTodos.context().close();
    }
}
