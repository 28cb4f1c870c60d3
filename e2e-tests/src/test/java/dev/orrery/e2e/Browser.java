package dev.orrery.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/** Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright for Java. */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    public Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("orrery.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    /** A fresh browser context (its own cookies), i.e. a new visitor. */
    public Page newVisitor() {
        return chromium.newContext().newPage();
    }

    /** Opens the site and signs in through Keycloak's real login form. */
    public static void logIn(Page page, String user) {
        logIn(page, Platform.SITE, user);
    }

    /** The same on a site of the test's own (e.g. a gateway it started). */
    public static void logIn(Page page, String site, String user) {
        page.navigate(site + "/");
        page.locator("#username").fill(user);
        page.locator("#password").fill(user + "-orrery");
        page.locator("#kc-login").click();
        page.waitForURL(site + "/**");
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
