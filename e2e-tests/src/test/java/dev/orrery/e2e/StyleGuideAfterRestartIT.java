package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.restassured.http.ContentType;

/**
 * The style guide a user chose survives a restart of the gateway and is the same on every gateway instance: a
 * gateway that never saw the user's ProfileUpdated reads it from profile-frontend. Packaged services as processes.
 */
class StyleGuideAfterRestartIT extends InBrowser {

    private static final int SECOND_GATEWAY_PORT = 18087;

    @Test
    void contrastStaysAfterARestartAndOnASecondInstance() throws Exception {
        Page page = browser.newVisitor();
        Browser.logIn(page, "bob");
        Process second = null;
        try {
            choose("bob", "contrast");
            awaitGuide(page, "contrast"); // the running gateway learns it from the ProfileUpdated event

            Platform.stopService("bff-gateway");
            Platform.startService("bff-gateway");
            page.navigate(Platform.SITE + "/");
            assertThat(page.locator("html")).hasAttribute("data-style-guide", "contrast");

            // A second instance, started after the choice: the same session cookie, the same guide
            second = Platform.launch(Platform.root().resolve("bff-gateway/target/quarkus-app"), "bff-gateway-second",
                    SECOND_GATEWAY_PORT, Map.of(
                            "gateway.frontends.todo.url", "http://localhost:" + Platform.TODO_PORT,
                            "gateway.frontends.profile.url", "http://localhost:" + Platform.PROFILE_PORT,
                            "mp.messaging.incoming.profile-events.exchange.name", Platform.PROFILE_EXCHANGE,
                            "gateway.csrf.key", Platform.GATEWAY_CSRF_KEY));
            Platform.awaitReady(SECOND_GATEWAY_PORT, Duration.ofSeconds(90));
            page.navigate("http://localhost:" + SECOND_GATEWAY_PORT + "/");
            assertThat(page.locator("html")).hasAttribute("data-style-guide", "contrast");
        } finally {
            choose("bob", "daylight");
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
            page.context().close();
        }
    }

    private static void awaitGuide(Page page, String styleGuide) throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            page.navigate(Platform.SITE + "/");
            if (styleGuide.equals(page.locator("html").getAttribute("data-style-guide"))) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(page.locator("html")).hasAttribute("data-style-guide", styleGuide);
    }

    private static void choose(String user, String styleGuide) {
        given().auth().oauth2(Keycloak.accessToken(user)).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bob Builder", "styleGuide", styleGuide, "timeZone", "UTC"))
                .put("http://localhost:" + Platform.PROFILE_PORT + "/api/profile").then().statusCode(200);
    }
}
