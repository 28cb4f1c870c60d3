package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * In real Chromium through the gateway: a visitor whose session is gone (cookies cleared, as when the session cookie
 * expired) is told so by the page's scripts, with a link that signs in through Keycloak's form and comes back to the
 * page. The gateway answers the script's API call with 401 and its live socket with close code 4440.
 */
class SignedOutBrowserIT extends InBrowser {

    private static final String LIST = "[data-fragment='todo:list']";

    @Test
    void theTodoListSaysSignedOutAndItsLinkSignsInAndComesBack() {
        Page page = browser.newVisitor();
        Browser.logIn(page, "bob");
        assertThat(page.locator(LIST)).hasAttribute("data-live-state", "open");

        page.context().clearCookies();
        Locator input = page.locator(LIST).getByLabel("New todo");
        input.fill("Written after the session ended " + UUID.randomUUID());
        input.press("Enter");

        Locator error = page.locator(LIST + " .todo-error");
        assertThat(error).containsText("You are signed out.");
        assertThat(error).not().containsText("Could not reach the server");
        Locator signIn = error.getByText("Sign in again");
        assertThat(signIn).hasAttribute("href", "/");

        signIn.click();
        page.locator("#username").fill("bob");
        page.locator("#password").fill("bob-orrery");
        page.locator("#kc-login").click();
        page.waitForURL(Platform.SITE + "/");
        assertThat(page.locator(LIST)).hasAttribute("data-live-state", "open");
        page.context().close();
    }

    @Test
    void theLiveSocketOfASignedOutVisitorIsClosedWith4440AndTheListSaysSo() {
        Page page = browser.newVisitor();
        Browser.logIn(page, "bob");
        assertThat(page.locator(LIST)).hasAttribute("data-live-state", "open");
        page.context().clearCookies();

        // What a browser's script sees when the gateway refuses the socket of a visitor without a session
        Object code = page.evaluate("""
                () => new Promise((resolve) => {
                  const socket = new WebSocket(`ws://${location.host}/live/todos`);
                  socket.addEventListener('close', (e) => resolve(e.code));
                })""");
        assertEquals(4440, ((Number) code).intValue());

        // The list's own (re)connect while signed out
        page.evaluate("() => document.querySelector(\"" + LIST + "\").todoList.connect()");
        assertThat(page.locator(LIST)).hasAttribute("data-live-state", "signed-out");
        assertThat(page.locator(LIST + " .todo-error")).containsText("You are signed out.");
        page.context().close();
    }

    @Test
    void theProfilePageSaysSignedOutWhenAnAvatarUploadFindsTheSessionGone() throws Exception {
        Page page = browser.newVisitor();
        Browser.logIn(page, "bob");
        page.navigate(Platform.SITE + "/profile");
        page.locator("#profile-avatar").setInputFiles(png());
        page.context().clearCookies();

        page.locator("form.avatar-form button[type=submit]").click();

        Locator notice = page.locator(".profile-signed-out");
        assertThat(notice).containsText("You are signed out.");
        assertThat(notice.getByText("Sign in again")).hasAttribute("href", "/profile");
        page.context().close();
    }

    private static Path png() throws Exception {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Path file = Files.createTempFile("orrery-avatar", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
