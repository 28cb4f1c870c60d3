package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.restassured.http.ContentType;

/**
 * With profile-frontend stopped, the composed page and the todo list keep working: todo-frontend renders authors from
 * its own copy, and the gateway shows the badge's last known copy (or its fallback).
 */
class ProfileIndependenceIT {

    private static Browser browser;

    @BeforeAll
    static void start() {
        Platform.start();
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        browser.close();
        Platform.startService("profile-frontend");
    }

    @Test
    void todosStillRenderWithTheLastKnownNameWhileProfileIsDown() throws Exception {
        String text = "Still here " + UUID.randomUUID();
        given().auth().oauth2(Keycloak.accessToken("alice")).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("http://localhost:" + Platform.TODO_PORT + "/api/todos").then().statusCode(201);
        Page page = browser.newVisitor();
        Browser.logIn(page, "alice");
        assertThat(page.locator("[data-slot='profile:badge'] .profile-name")).hasText("Alice Liddell");

        Platform.stopService("profile-frontend");
        page.reload();
        assertThat(page.locator("[data-slot='todo:list']")).containsText(text);
        assertThat(page.locator("[data-slot='todo:list'] .todo-author").first()).hasText("Alice Liddell");
        // The gateway's last good copy of the badge (per user), else the manifest's fallback with "Log out".
        assertThat(page.locator("[data-slot='profile:badge']")).containsText("Alice Liddell");
        page.context().close();
    }
}
