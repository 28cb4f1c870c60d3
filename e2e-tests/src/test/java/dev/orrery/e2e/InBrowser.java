package dev.orrery.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Browser tests against the composed site: the platform is up, and one Chromium serves the whole class. */
abstract class InBrowser {

    protected static Browser browser;

    @BeforeAll
    static void startPlatformAndBrowser() {
        Platform.start();
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }
}
