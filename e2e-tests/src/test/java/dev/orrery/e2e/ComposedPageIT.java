package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

/** The whole path: browser → gateway → Keycloak login → composed page with both front-ends' fragments. */
class ComposedPageIT extends InBrowser {

    @Test
    void aliceLogsInAndSeesBothFragments() {
        Page page = browser.newVisitor();
        Browser.logIn(page, "alice");
        assertThat(page.locator("[data-slot='profile:badge'] .profile-name")).hasText("Alice Liddell");
        assertThat(page.locator("[data-slot='todo:list'] [data-fragment='todo:list']")).isVisible();
        page.context().close();
    }

    @Test
    void anonymousVisitorIsSentToTheLoginForm() {
        Page page = browser.newVisitor();
        page.navigate(Platform.SITE + "/");
        assertThat(page.locator("#kc-login")).isVisible();
        page.context().close();
    }
}
