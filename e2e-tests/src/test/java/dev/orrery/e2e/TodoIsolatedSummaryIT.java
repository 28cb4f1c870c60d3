package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * The iframe bridge on the composed site: todo-frontend's isolated summary (its own document, through the gateway's
 * allow-listed proxy) sizes its iframe, reports its counts as a semantic event on the iframe element, follows the
 * page's style guide, and refreshes when the list changes; a message from a foreign window changes nothing.
 */
class TodoIsolatedSummaryIT extends InBrowser {

    @Test
    void isolatedSummaryIsSizedReportsCountsAndRefreshesThroughTheBridge() {
        Page page = browser.newVisitor();
        Browser.logIn(page, "bob");
        Locator list = page.locator("[data-fragment='todo:list']");
        assertThat(list).hasAttribute("data-live-state", "open");
        Locator frame = page.locator("iframe.todo-summary");
        assertThat(frame).hasAttribute("data-open", java.util.regex.Pattern.compile("\\d+"));
        int openBefore = Integer.parseInt(frame.getAttribute("data-open"));

        // the child's height arrived through the bridge and was applied to the iframe element
        FrameLocator child = page.frameLocator("iframe.todo-summary");
        assertThat(child.locator(".todo-summary")).isVisible();
        page.waitForFunction("() => document.querySelector('iframe.todo-summary').style.height !== ''");
        double childHeight = ((Number) page.evaluate("() => document.querySelector('iframe.todo-summary')"
                + ".contentDocument.documentElement.getBoundingClientRect().height")).doubleValue();
        double frameHeight = ((Number) page.evaluate(
                "() => parseFloat(document.querySelector('iframe.todo-summary').style.height)")).doubleValue();
        assertEquals(childHeight, frameHeight, 1.0);
        // the page's style guide was sent down
        assertEquals(page.evaluate("() => document.documentElement.dataset.styleGuide"),
                page.evaluate("() => document.querySelector('iframe.todo-summary').contentDocument.documentElement.dataset.styleGuide"));

        // a change to the list makes the page ask the child to refresh; its new counts come back as an event
        Locator input = list.getByLabel("New todo");
        input.fill("Isolated " + UUID.randomUUID());
        input.press("Enter");
        assertThat(frame).hasAttribute("data-open", String.valueOf(openBefore + 1));

        // a message from another window (here: the page itself posting to itself) is ignored by the parent side
        page.evaluate("() => window.postMessage({orreryBridge: 1, kind: 'event', type: 'todo-summary',"
                + " detail: {open: 999, done: 0}}, location.origin)");
        page.waitForTimeout(300);
        assertTrue(!"999".equals(frame.getAttribute("data-open")), "a message from a foreign source was accepted");
        page.context().close();
    }
}
