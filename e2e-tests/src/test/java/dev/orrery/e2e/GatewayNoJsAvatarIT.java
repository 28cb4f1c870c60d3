package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * The profile page's avatar form without JavaScript: a plain multipart/form-data post through the gateway, whose
 * CSRF token travels only in the hidden {@code _csrf} field the gateway added to the form. It used to be refused
 * (the gateway read {@code _csrf} from urlencoded bodies only).
 */
class GatewayNoJsAvatarIT extends InBrowser {

    @Test
    void theAvatarFormWorksWithoutJavaScript() throws Exception {
        Page signIn = browser.newVisitor();
        Browser.logIn(signIn, "alice");
        BrowserContext noScript = signIn.context().browser().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setJavaScriptEnabled(false)
                        .setStorageState(signIn.context().storageState()));
        Page page = noScript.newPage();
        page.navigate(Platform.SITE + "/profile");
        assertThat(page.locator("form.avatar-form input[type=hidden][name=_csrf]")).hasCount(1);

        page.locator("#profile-avatar").setInputFiles(png());
        page.locator("form.avatar-form button[type=submit]").click();
        page.waitForURL(Platform.SITE + "/profile");

        assertThat(page.locator(".profile-saved")).hasText("Your new avatar was saved.");
        noScript.close();
        signIn.context().close();
    }

    private static Path png() throws Exception {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 32; y++) {
                image.setRGB(x, y, (x * 8) << 16 | (y * 8) << 8 | 0x80);
            }
        }
        Path file = Files.createTempFile("orrery-avatar", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
