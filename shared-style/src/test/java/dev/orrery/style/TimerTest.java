package dev.orrery.style;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** orrery-timer: events with detail and timing on a fake clock, dirty, state, attributes, keyboard, a11y. */
class TimerTest extends BrowserTestSupport {

    private Locator display() {
        return page.locator("#t .display");
    }

    private Locator button(String name) {
        return page.locator("#t button." + name);
    }

    private String status() {
        return (String) js("document.getElementById('t').status");
    }

    @Test
    void startEmitsTimerStartThenDirtyAndCountdownFiresExactlyAtZero() {
        open(null, "<orrery-timer id=t duration=3></orrery-timer>");
        assertEquals("00:03", display().textContent());
        assertEquals("[]", takeEvents(), "bootstrap emits nothing");

        button("start").click();
        assertEquals("[{\"type\":\"timer-start\",\"detail\":{\"duration\":3,\"remaining\":3000,\"endsAt\":" + (T0 + 3000)
                + ",\"resumed\":false},\"t\":" + T0 + ",\"target\":\"t\"},"
                + "{\"type\":\"dirty-change\",\"detail\":{\"dirty\":true},\"t\":" + T0 + ",\"target\":\"t\"}]", takeEvents());
        assertEquals("running", status());

        page.clock().runFor(1000);
        assertEquals("00:02", display().textContent());
        page.clock().runFor(1999);
        assertEquals("00:01", display().textContent());
        assertEquals("[]", takeEvents(), "no countdown before zero");

        page.clock().runFor(1);
        assertEquals("[{\"type\":\"timer-countdown\",\"detail\":{\"duration\":3,\"endedAt\":" + (T0 + 3000) + "},\"t\":"
                + (T0 + 3000) + ",\"target\":\"t\"}]", takeEvents());
        assertEquals("00:00", display().textContent());
        assertEquals("finished", status());
        assertTrue(button("start").isDisabled());
        assertTrue(button("stop").isDisabled());
        assertFalse(button("reset").isDisabled());
        page.clock().runFor(10_000);
        assertEquals("[]", takeEvents(), "countdown fires once");
    }

    @Test
    void stopPausesWithRemainingTimeAndStartResumes() {
        open(null, "<orrery-timer id=t duration=10></orrery-timer>");
        button("start").click();
        takeEvents();
        page.clock().runFor(2500);
        button("stop").click();
        assertEquals("[{\"type\":\"timer-stop\",\"detail\":{\"duration\":10,\"remaining\":7500,\"reason\":\"stop\"},\"t\":"
                + (T0 + 2500) + ",\"target\":\"t\"}]", takeEvents(), "already dirty: no second dirty-change");
        assertEquals("paused", status());
        assertEquals("00:08", display().textContent());
        assertEquals("Resume", button("start").textContent());

        page.clock().runFor(60_000);
        assertEquals("00:08", display().textContent(), "a paused timer does not tick");
        assertEquals("[]", takeEvents());

        button("start").click();
        long resumedAt = T0 + 62_500;
        assertEquals("[{\"type\":\"timer-start\",\"detail\":{\"duration\":10,\"remaining\":7500,\"endsAt\":" + (resumedAt + 7500)
                + ",\"resumed\":true},\"t\":" + resumedAt + ",\"target\":\"t\"}]", takeEvents());
        page.clock().runFor(7500);
        assertEquals("[{\"type\":\"timer-countdown\",\"detail\":{\"duration\":10,\"endedAt\":" + (resumedAt + 7500)
                + "},\"t\":" + (resumedAt + 7500) + ",\"target\":\"t\"}]", takeEvents());
    }

    @Test
    void resetWhileRunningStopsWithReasonResetAndRestoresDuration() {
        open(null, "<orrery-timer id=t duration=5></orrery-timer>");
        assertTrue(button("reset").isDisabled(), "nothing to reset when idle");
        button("start").click();
        takeEvents();
        page.clock().runFor(1200);
        button("reset").click();
        assertEquals("[{\"type\":\"timer-stop\",\"detail\":{\"duration\":5,\"remaining\":3800,\"reason\":\"reset\"},\"t\":"
                + (T0 + 1200) + ",\"target\":\"t\"}]", takeEvents());
        assertEquals("idle", status());
        assertEquals("00:05", display().textContent());
        page.clock().runFor(10_000);
        assertEquals("[]", takeEvents());

        // reset after finishing: no timer-stop, back to idle
        button("start").click();
        page.clock().runFor(5000);
        takeEvents();
        button("reset").click();
        assertEquals("[]", takeEvents());
        assertEquals("idle", status());
        assertEquals("", page.locator("#t [role=alert]").textContent(), "completion announcement cleared");
    }

    @Test
    void dirtyTransitions() {
        open(null, "<orrery-timer id=t duration=5></orrery-timer>");
        assertEquals(false, js("document.getElementById('t').dirty"));
        // programmatic control is not a user change
        js("(() => { const t = document.getElementById('t'); t.start(); t.stop(); t.reset(); })()");
        assertEquals(false, js("document.getElementById('t').dirty"));
        assertEquals("[\"timer-start\",\"timer-stop\"]",
                json("__events.map(e => e.type)"));
        takeEvents();

        button("start").click();
        assertEquals(true, js("document.getElementById('t').dirty"));
        button("stop").click();
        button("reset").click();
        assertEquals("[\"timer-start\",\"dirty-change\",\"timer-stop\"]", json("__events.map(e => e.type)"),
                "dirty-change once, on the first user change");
        takeEvents();

        js("document.getElementById('t').markClean()");
        assertEquals("[{\"type\":\"dirty-change\",\"detail\":{\"dirty\":false},\"t\":" + T0 + ",\"target\":\"t\"}]", takeEvents());
        assertEquals(false, js("document.getElementById('t').dirty"));
        js("document.getElementById('t').markClean()");
        assertEquals("[]", takeEvents(), "markClean on a clean timer emits nothing");

        button("start").click();
        takeEvents();
        js("document.getElementById('t').restore({v: 1, duration: 5, status: 'idle', remainingMs: 5000})");
        assertEquals("[{\"type\":\"dirty-change\",\"detail\":{\"dirty\":false},\"t\":" + T0 + ",\"target\":\"t\"}]", takeEvents(),
                "restore leaves the timer clean");
    }

    @Test
    void serializeRestoreRoundTripsEveryStatus() {
        open(null, "<orrery-timer id=t duration=90></orrery-timer><orrery-timer id=u></orrery-timer>");
        String idle = json("document.getElementById('t').serialize()");
        assertEquals("{\"v\":1,\"duration\":90,\"status\":\"idle\",\"remainingMs\":90000}", idle);

        button("start").click();
        page.clock().runFor(30_000);
        button("stop").click();
        String paused = json("document.getElementById('t').serialize()");
        assertEquals("{\"v\":1,\"duration\":90,\"status\":\"paused\",\"remainingMs\":60000}", paused);

        for (String state : new String[] {idle, paused,
                "{\"v\":1,\"duration\":90,\"status\":\"finished\",\"remainingMs\":0}"}) {
            js("s => document.getElementById('u').restore(JSON.parse(s))", state);
            assertEquals(state, json("document.getElementById('u').serialize()"));
        }
        js("s => document.getElementById('u').restore(JSON.parse(s))", paused);
        assertEquals("01:00", page.locator("#u .display").textContent());
        assertEquals("Resume", page.locator("#u button.start").textContent());
        assertEquals(paused, json("document.getElementById('u').state"), "state property = serialize()");
    }

    @Test
    void runningTimerRestoresFromItsEndTimeInAnotherPage() {
        open(null, "<orrery-timer id=t duration=10></orrery-timer>");
        button("start").click();
        page.clock().runFor(1000);
        String running = json("document.getElementById('t').serialize()");
        assertEquals("{\"v\":1,\"duration\":10,\"status\":\"running\",\"remainingMs\":9000,\"endsAt\":" + (T0 + 10_000) + "}",
                running);
        page.close();

        // a new page 4 s later bootstraps from the state attribute
        page = context.newPage();
        server.html("/later.html", testPage(null, "<orrery-timer id=t duration=10 state='" + running + "'></orrery-timer>"));
        page.clock().install(new com.microsoft.playwright.Clock.InstallOptions().setTime(T0 - 5000));
        page.navigate(server.url("/later.html"));
        page.waitForFunction("() => !!customElements.get('orrery-timer')");
        page.clock().pauseAt(T0 + 4000);
        assertEquals("running", status());
        assertEquals("{\"v\":1,\"duration\":10,\"status\":\"running\",\"remainingMs\":6000,\"endsAt\":" + (T0 + 10_000) + "}",
                json("document.getElementById('t').serialize()"), "same end time, less remaining");
        assertEquals("00:06", display().textContent());
        assertEquals(false, js("document.getElementById('t').dirty"));
        assertEquals("[]", takeEvents(), "restoring emits no timer events");

        page.clock().runFor(6000);
        assertEquals("[{\"type\":\"timer-countdown\",\"detail\":{\"duration\":10,\"endedAt\":" + (T0 + 10_000) + "},\"t\":"
                + (T0 + 10_000) + ",\"target\":\"t\"}]", takeEvents());
    }

    @Test
    void runningStateWhoseEndHasPassedRestoresFinished() {
        open(null, "<orrery-timer id=t></orrery-timer>");
        js("end => document.getElementById('t').restore({v: 1, duration: 60, status: 'running', remainingMs: 60000, endsAt: end})",
                (double) (T0 - 1));
        assertEquals("finished", status());
        assertEquals("{\"v\":1,\"duration\":60,\"status\":\"finished\",\"remainingMs\":0}", json("document.getElementById('t').serialize()"));
        assertEquals("[]", takeEvents());
    }

    @Test
    void invalidStatesAreRejected() {
        open(null, "<orrery-timer id=t duration=7 state='{not json'></orrery-timer>");
        assertEquals("idle", status(), "an invalid state attribute is ignored");
        assertEquals("00:07", display().textContent());
        for (String bad : new String[] {"null", "[]", "{\"duration\":-1,\"status\":\"idle\"}", "{\"duration\":5,\"status\":\"odd\"}",
                "{\"duration\":5,\"status\":\"running\",\"remainingMs\":1000}", "{\"v\":2,\"duration\":5,\"status\":\"idle\"}"}) {
            assertEquals("TypeError", js("s => { try { document.getElementById('t').restore(JSON.parse(s)); return 'ok'; }"
                    + " catch (e) { return e.name; } }", bad), bad);
        }
    }

    @Test
    void durationAttributeAndProperty() {
        open(null, "<orrery-timer id=t></orrery-timer><orrery-timer id=long duration=3725></orrery-timer>"
                + "<orrery-timer id=bad duration=abc></orrery-timer>");
        assertEquals(60, js("document.getElementById('t').duration"), "default 60 s");
        assertEquals("01:00", display().textContent());
        assertEquals("1:02:05", page.locator("#long .display").textContent());
        assertEquals(60, js("document.getElementById('bad').duration"), "invalid attribute falls back to 60 s");

        js("document.getElementById('t').duration = 120");
        assertEquals("120", page.locator("#t").getAttribute("duration"), "property reflects to the attribute");
        assertEquals("02:00", display().textContent());
        assertEquals("RangeError", js("() => { try { document.getElementById('t').duration = 0; } catch (e) { return e.name; } }"));

        button("start").click();
        page.clock().runFor(1000);
        js("document.getElementById('t').setAttribute('duration', '30')");
        assertEquals("01:59", display().textContent(), "a running timer keeps its time");
        button("reset").click();
        assertEquals("00:30", display().textContent(), "the new duration applies at reset");
    }

    @Test
    void labelAttributeNamesTheTimer() {
        open(null, "<orrery-timer id=t label='Focus timer' duration=2></orrery-timer>");
        assertThat(page.getByRole(AriaRole.TIMER, new Page.GetByRoleOptions().setName("Focus timer 00:02"))).isVisible();
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Focus timer"))).isVisible();
        js("document.getElementById('t').label = 'Tea'");
        assertEquals("Tea", page.locator("#t .label").textContent());
        button("start").click();
        page.clock().runFor(2000);
        assertEquals("Tea finished", page.locator("#t [role=alert]").textContent(), "completion is announced (role=alert)");
    }

    @Test
    void keyboardOperableWithVisibleFocusThatStaysOnAnEnabledButton() {
        open(null, "<button id=before>before</button><orrery-timer id=t duration=5></orrery-timer>");
        page.locator("#before").focus();
        page.keyboard().press("Tab");
        assertEquals("Start", js("document.getElementById('t').shadowRoot.activeElement.textContent"));
        assertEquals("2px", js("getComputedStyle(document.getElementById('t').shadowRoot.activeElement).outlineWidth"),
                "visible focus ring from the tokens");
        assertEquals("solid", js("getComputedStyle(document.getElementById('t').shadowRoot.activeElement).outlineStyle"));

        page.keyboard().press("Enter");
        assertEquals("running", status());
        assertEquals("Stop", js("document.getElementById('t').shadowRoot.activeElement.textContent"),
                "focus moves from the now disabled Start to Stop");
        page.clock().runFor(1000);
        page.keyboard().press("Space");
        assertEquals("paused", status());
        assertEquals("Resume", js("document.getElementById('t').shadowRoot.activeElement.textContent"));
        page.keyboard().press("Tab");
        assertEquals("Reset", js("document.getElementById('t').shadowRoot.activeElement.textContent"),
                "the disabled Stop is skipped");
        page.keyboard().press("Enter");
        assertEquals("idle", status());
        assertEquals("Start", js("document.getElementById('t').shadowRoot.activeElement.textContent"));
        assertEquals("[\"timer-start\",\"dirty-change\",\"timer-stop\"]", json("__events.map(e => e.type)"));
    }

    @Test
    void partsAreExposedForOverrides() {
        open(null, "<style>orrery-timer::part(display) { color: rgb(1, 2, 3); }"
                + " orrery-timer::part(start-button) { border-top-width: 7px; }</style><orrery-timer id=t></orrery-timer>");
        assertEquals("rgb(1, 2, 3)", js("getComputedStyle(document.getElementById('t').shadowRoot.querySelector('.display')).color"));
        assertEquals("7px", js("getComputedStyle(document.getElementById('t').shadowRoot.querySelector('.start')).borderTopWidth"));
        assertEquals("base,label,display,controls,button start-button,button stop-button,button reset-button,status,alert",
                js("[...document.getElementById('t').shadowRoot.querySelectorAll('[part]')].map(e => e.getAttribute('part')).join()"));
    }

    @Test
    void propertiesSetBeforeUpgradeAreKept() {
        server.html("/late.html", """
                <!doctype html><html><body><orrery-timer id=t></orrery-timer>
                <script>document.getElementById('t').duration = 42;</script>
                <script type="module" src="/orrery/widgets/orrery-timer.js"></script></body></html>""");
        page.navigate(server.url("/late.html"));
        page.waitForFunction("() => !!customElements.get('orrery-timer')");
        assertEquals(42, js("document.getElementById('t').duration"));
        assertEquals("00:42", display().textContent());
        assertTrue(consoleErrors.isEmpty(), consoleErrors::toString);
    }
}
