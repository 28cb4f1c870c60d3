package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The todo list in real Chromium through the gateway (its proxy of /api/todos and /live/todos): Enter adds, a second
 * tab of the same user follows without reloading (add, done, priority picker), Delete All empties both, script text
 * stays text.
 */
class TodoBrowserIT extends InBrowser {

    private static Locator list(Page page) {
        return page.locator("[data-fragment='todo:list']");
    }

    private static Page liveTab(Page page) {
        page.navigate(Platform.SITE + "/");
        assertThat(list(page)).hasAttribute("data-live-state", "open");
        return page;
    }

    @Test
    void enterAddsSecondTabFollowsDeleteAllEmptiesBothAndScriptStaysText() {
        Page tab1 = browser.newVisitor();
        Browser.logIn(tab1, "alice");
        liveTab(tab1);
        Page tab2 = liveTab(tab1.context().newPage());

        String text = "Buy milk " + UUID.randomUUID();
        Locator input = list(tab1).getByLabel("New todo");
        input.fill(text);
        input.press("Enter");
        assertThat(list(tab2).locator(".todo-card .todo-text").getByText(text)).isVisible();
        assertThat(list(tab1).locator(".todo-card .todo-text").getByText(text)).isVisible();
        assertThat(input).hasValue("");
        assertThat(list(tab2).locator(".todo-card").first().locator(".todo-author")).hasText("Alice Liddell");

        input.fill("first line");
        input.press("Shift+Enter");
        input.pressSequentially("second line");
        assertThat(input).hasValue("first line\nsecond line");
        input.press("Enter");
        assertThat(list(tab2).locator(".todo-card").first().locator(".todo-text")).hasText("first line\nsecond line");

        Locator card = list(tab1).locator(".todo-card").first();
        card.getByLabel("Done").check();
        assertThat(list(tab2).locator(".todo-card").first()).hasClass(java.util.regex.Pattern.compile("todo-done"));
        card = list(tab1).locator(".todo-card").first();
        card.locator("orrery-picker").getByRole(AriaRole.COMBOBOX).click();
        card.locator("orrery-picker").getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName("high")).click();
        assertThat(list(tab2).locator(".todo-card").first()).hasAttribute("data-priority", "high");

        String script = "<script>window.pwned = true</script><img src=x onerror=\"window.pwned = true\">";
        input.fill(script);
        input.press("Enter");
        assertThat(list(tab2).locator(".todo-card").first().locator(".todo-text")).hasText(script);
        assertEquals(Boolean.FALSE, tab2.evaluate("() => window.pwned === true"));
        assertEquals(Boolean.FALSE, tab1.evaluate("() => window.pwned === true"));

        tab1.onceDialog(dialog -> dialog.accept());
        list(tab1).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Delete All")).click();
        assertThat(list(tab1).locator(".todo-card")).hasCount(0);
        assertThat(list(tab2).locator(".todo-card")).hasCount(0);
        assertThat(list(tab2).locator(".todo-empty")).isVisible();
        tab1.context().close();
    }

    @Test
    void withoutJavaScriptTheFormStillAddsATodo() {
        // Browser (the shared helper) has no option for this; borrow its Chromium for a context without JavaScript.
        Page visitor = browser.newVisitor();
        Page page = visitor.context().browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setJavaScriptEnabled(false)).newPage();
        visitor.context().close();
        Browser.logIn(page, "bob");
        String text = "Posted without script " + UUID.randomUUID();
        list(page).getByLabel("New todo").fill(text);
        list(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add")).click();
        page.waitForURL(Platform.SITE + "/**");
        assertThat(list(page).locator(".todo-card .todo-text").getByText(text)).isVisible();
        page.context().close();
    }
}
