package dev.orrery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;

/**
 * Every composed page, opened signed in by Chromium, loads without a single 4xx/5xx or failed request in its network
 * log (its scripts and styles, the favicon, the fragments' own assets, the live socket) and without a console error.
 */
class ComposedPagesLoadCleanlyIT extends InBrowser {

    /** The gateway's pages (its Page enum) outside the bench profile. */
    private static final List<String> PAGES = List.of("/", "/profile");

    @Test
    void everyComposedPageLoadsWithoutAFailedRequestOrAConsoleError() {
        Page login = browser.newVisitor();
        Browser.logIn(login, "alice");
        BrowserContext alice = login.context();
        login.close();

        List<String> problems = new CopyOnWriteArrayList<>();
        for (String path : PAGES) {
            Page page = alice.newPage();
            page.onResponse(r -> {
                if (r.status() >= 400) {
                    problems.add(path + ": " + r.status() + " " + r.url());
                }
            });
            page.onRequestFailed(r -> problems.add(path + ": failed " + r.url() + " " + r.failure()));
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    problems.add(path + ": console error " + m.text() + " at " + m.location());
                }
            });
            page.onPageError(e -> problems.add(path + ": uncaught " + e));
            page.navigate(Platform.SITE + path);
            page.waitForLoadState(LoadState.NETWORKIDLE);
            // scripts that start work after load (the live socket, widgets) get a moment to fail
            page.waitForTimeout(1500);
            assertEquals(Platform.SITE + path, page.url(), "still signed in on " + path);
            page.close();
        }

        assertEquals(List.of(), problems);
    }
}
