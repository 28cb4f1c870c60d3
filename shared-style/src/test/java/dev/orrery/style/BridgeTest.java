package dev.orrery.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Frame;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * orrery-bridge.js across real origins: the parent page on {@link #server},
 * the isolated fragment on {@link #foreign}, an attacker on {@link #evil}.
 */
class BridgeTest extends BrowserTestSupport {

    private StaticServer evil;

    @BeforeAll
    void startEvilServer() throws IOException {
        evil = new StaticServer();
    }

    @AfterAll
    void stopEvilServer() {
        evil.close();
    }

    private static String head() {
        return "<meta charset=utf-8><link rel=stylesheet href=/orrery/style/tokens.css>"
                + "<link rel=stylesheet href=/orrery/style/base.css>";
    }

    /** The fragment: a timer whose events go up, accepting messages from parentOrigin only. */
    private String childPage(String parentOrigin) {
        return "<!doctype html><html><head>" + head() + "</head><body style='margin:0;padding:8px'>"
                + "<orrery-timer id=t duration=5></orrery-timer><div id=more></div>"
                + "<script type=module>"
                + "import '/orrery/widgets/orrery-timer.js';"
                + "import { connectToParent } from '/orrery/widgets/orrery-bridge.js';"
                + "window.__messages = [];"
                + "window.bridge = connectToParent({allowedOrigins: ['" + parentOrigin + "'],"
                + " events: ['timer-start', 'dirty-change'], onMessage: (m) => __messages.push(m)});"
                + "addEventListener('message', (e) => { if (e.data === 'done') window.__done = (window.__done || 0) + 1; });"
                + "</script></body></html>";
    }

    /** The embedding page: one bridged iframe, plus optional other frames. */
    private String parentPage(String childUrl, String allowedOrigin, String extraFrames) {
        return "<!doctype html><html data-style-guide=daylight><head>" + head() + "</head><body>"
                + "<iframe id=frag name=frag src='" + childUrl + "' style='width:420px;border:0;height:40px'"
                + " title='isolated fragment'></iframe>" + extraFrames
                + "<script type=module>"
                + "import { connectFrame } from '/orrery/widgets/orrery-bridge.js';"
                + "window.__events = [];"
                + "const frame = document.getElementById('frag');"
                + "for (const t of ['timer-start', 'dirty-change', 'bridge-ready', 'bridge-resize', 'click', 'custom-thing']) {"
                + "  frame.addEventListener(t, (e) => __events.push({type: e.type, detail: e.detail, bubbles: e.bubbles}));"
                + "}"
                + "addEventListener('message', (e) => { if (e.data === 'done') window.__done = (window.__done || 0) + 1; });"
                + "addEventListener('message', (e) => { if (e.data?.kind === 'ready') window.__readies = (window.__readies || 0) + 1; });"
                + "window.bridge = connectFrame(frame, {allowedOrigins: ['" + allowedOrigin + "'], styleGuide: 'nightfall'});"
                + "</script></body></html>";
    }

    private Frame openBridged(String extraFrames) {
        foreign.html("/child.html", childPage(server.origin()));
        server.html("/parent.html", parentPage(foreign.url("/child.html"), foreign.origin(), extraFrames));
        page.navigate(server.url("/parent.html"));
        page.waitForFunction("() => window.__events && __events.some(e => e.type === 'bridge-ready')");
        Frame child = page.frame("frag");
        child.waitForFunction("() => document.documentElement.dataset.styleGuide === 'nightfall'");
        return child;
    }

    /** The bridged page plus two intruding frames: 'evil' on a third origin, 'sibling' on siblingServer's origin. */
    private Frame openWithIntruders(StaticServer siblingServer) {
        evil.html("/evil.html", "<!doctype html><p>evil</p>");
        siblingServer.html("/sibling.html", "<!doctype html><p>an allowed origin, but another window</p>");
        Frame child = openBridged("<iframe name=evil src='" + evil.url("/evil.html") + "'></iframe>"
                + "<iframe name=sibling src='" + siblingServer.url("/sibling.html") + "'></iframe>");
        page.frame("evil").waitForLoadState();
        page.frame("sibling").waitForLoadState();
        return child;
    }

    private double frameHeight() {
        return ((Number) js("document.getElementById('frag').getBoundingClientRect().height")).doubleValue();
    }

    private double childHeight(Frame child) {
        return ((Number) child.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")).doubleValue();
    }

    /** Runs script in a frame, then posts 'done' to target so the receiver has handled everything sent before. */
    private void postFrom(Frame frame, String script, String target, String receiver) {
        receiver(receiver).evaluate("window.__done = 0");
        frame.evaluate("() => { " + script + "; " + target + ".postMessage('done', '*'); }");
        receiver(receiver).waitForFunction("() => window.__done === 1");
    }

    private Frame receiver(String name) {
        return name == null ? page.mainFrame() : page.frame(name);
    }

    @Test
    void parentSetsTheIframeHeightAndFollowsResizes() {
        Frame child = openBridged("");
        page.waitForFunction("h => Math.abs(document.getElementById('frag').getBoundingClientRect().height - h) < 1",
                childHeight(child));
        double initial = frameHeight();
        assertTrue(initial > 40, "grew from the placeholder 40px to the content: " + initial);

        child.evaluate("document.getElementById('more').style.height = '300px'");
        page.waitForFunction("h => document.getElementById('frag').getBoundingClientRect().height === h", initial + 300);
        assertEquals(childHeight(child), frameHeight(), 0.5);
        assertEquals("{\"height\":" + (int) (initial + 300) + "}",
                json("__events.filter(e => e.type === 'bridge-resize').at(-1).detail"));

        child.evaluate("document.getElementById('more').style.height = '0px'");
        page.waitForFunction("h => document.getElementById('frag').getBoundingClientRect().height === h", initial);
    }

    @Test
    void childEventsAreReEmittedOnTheIframeElement() {
        Frame child = openBridged("");
        child.locator("#t button.start").click();
        page.waitForFunction("() => __events.some(e => e.type === 'dirty-change')");
        String events = json("__events.filter(e => e.type === 'timer-start' || e.type === 'dirty-change')");
        assertTrue(events.matches("\\[\\{\"type\":\"timer-start\",\"detail\":\\{\"duration\":5,\"remaining\":5000,"
                + "\"endsAt\":\\d+,\"resumed\":false},\"bubbles\":true},"
                + "\\{\"type\":\"dirty-change\",\"detail\":\\{\"dirty\":true},\"bubbles\":true}]"), events);
        assertEquals("{\"origin\":\"" + foreign.origin() + "\"}", json("__events.find(e => e.type === 'bridge-ready').detail"));

        child.evaluate("bridge.post('custom-thing', {n: 1})");
        page.waitForFunction("() => __events.some(e => e.type === 'custom-thing')");
        assertEquals("TypeError", child.evaluate("() => { try { bridge.post('click', {}); } catch (e) { return e.name; } }"),
                "only semantic (hyphenated) event names");
        // even a hand-made message from the real child cannot fake a DOM event like click
        postFrom(child, "parent.postMessage({orreryBridge: 1, kind: 'event', type: 'click', detail: {}}, '*');"
                + "parent.postMessage({orreryBridge: 1, kind: 'event', type: 'bridge-ready', detail: {}}, '*')", "parent", null);
        assertEquals(0, js("__events.filter(e => e.type === 'click').length"));
        assertEquals(1, js("__events.filter(e => e.type === 'bridge-ready').length"));
    }

    @Test
    void aChildDocumentIsReadyOnceHoweverOftenItSaysSo() {
        Frame child = openBridged("");
        // a second 'hello' (as when the parent connects while the child's first 'ready' is in flight) makes the child
        // say 'ready' again
        String childWindow = "document.getElementById('frag').contentWindow";
        postFrom(page.mainFrame(), childWindow + ".postMessage({orreryBridge: 1, kind: 'hello'}, '" + foreign.origin() + "')",
                childWindow, "frag");
        postFrom(child, "", "parent", null);
        assertTrue(((Number) js("__readies")).intValue() >= 2, "the child said ready again");
        assertEquals(1, js("__events.filter(e => e.type === 'bridge-ready').length"));

        child.evaluate("location.reload()");
        page.waitForFunction("() => __events.filter(e => e.type === 'bridge-ready').length === 2");
    }

    @Test
    void parentSendsStyleGuideRestoreAndMessagesDown() {
        Frame child = openBridged("");
        assertEquals("nightfall", child.evaluate("document.documentElement.dataset.styleGuide"), "sent on ready");
        assertEquals("nightfall", child.evaluate("document.getElementById('t').styleGuide"), "the widget follows");

        js("bridge.setStyleGuide('contrast')");
        child.waitForFunction("() => document.documentElement.dataset.styleGuide === 'contrast'");
        assertEquals("TypeError", js("() => { try { bridge.setStyleGuide('neon'); } catch (e) { return e.name; } }"));

        js("bridge.restore('orrery-timer', {v: 1, duration: 120, status: 'paused', remainingMs: 30000})");
        child.waitForFunction("() => document.getElementById('t').status === 'paused'");
        assertEquals("{\"v\":1,\"duration\":120,\"status\":\"paused\",\"remainingMs\":30000}",
                child.evaluate("JSON.stringify(document.getElementById('t').serialize())"));

        js("bridge.send({topic: 'hello-child'})");
        child.waitForFunction("() => __messages.some(m => m.kind === 'message')");
        assertEquals("{\"topic\":\"hello-child\",\"kind\":\"message\",\"orreryBridge\":1}",
                child.evaluate("JSON.stringify(__messages.find(m => m.kind === 'message'))"));
    }

    @Test
    void parentIgnoresMessagesFromWrongOriginOrWrongSource() {
        Frame child = openWithIntruders(foreign);
        page.waitForFunction("h => Math.abs(document.getElementById('frag').getBoundingClientRect().height - h) < 1",
                childHeight(child));
        String before = json("{height: document.getElementById('frag').style.height, events: __events.length}");

        String forged = "parent.postMessage({orreryBridge: 1, kind: 'resize', height: 999}, '*');"
                + "parent.postMessage({orreryBridge: 1, kind: 'event', type: 'timer-start', detail: {forged: true}}, '*');"
                + "parent.postMessage({orreryBridge: 1, kind: 'ready'}, '*')";
        postFrom(page.frame("evil"), forged, "parent", null);       // wrong origin
        postFrom(page.frame("sibling"), forged, "parent", null);    // allowed origin, wrong source
        postFrom(page.mainFrame(), forged.replace("parent.", "window."), "window", null); // the page itself

        assertEquals(before, json("{height: document.getElementById('frag').style.height, events: __events.length}"),
                "forged messages change nothing");
    }

    @Test
    void childIgnoresMessagesFromWrongOriginOrWrongSource() {
        Frame child = openWithIntruders(server);
        String forged = "parent.frames['frag'].postMessage({orreryBridge: 1, kind: 'style-guide', name: 'contrast'}, '*');"
                + "parent.frames['frag'].postMessage({orreryBridge: 1, kind: 'restore', selector: 'orrery-timer',"
                + " state: {v: 1, duration: 9, status: 'finished', remainingMs: 0}}, '*')";
        postFrom(page.frame("evil"), forged, "parent.frames['frag']", "frag");
        postFrom(page.frame("sibling"), forged, "parent.frames['frag']", "frag");
        assertEquals("nightfall", child.evaluate("document.documentElement.dataset.styleGuide"));
        assertEquals("idle", child.evaluate("document.getElementById('t').status"));
        assertEquals(0, child.evaluate("__messages.filter(m => m.kind !== 'style-guide' || m.name !== 'nightfall').length"),
                "only the real parent's messages arrived");
    }

    @Test
    void childOfAnUnlistedParentNeitherObeysNorReports() {
        // the fragment allows only server's origin; here evil embeds it and tries to drive it
        foreign.html("/child.html", childPage(server.origin()));
        evil.html("/parent.html", parentPage(foreign.url("/child.html"), foreign.origin(), ""));
        page.navigate(evil.url("/parent.html"));
        Frame child = page.frame("frag");
        child.waitForFunction("() => !!window.bridge");
        js("bridge.setStyleGuide('contrast')");
        child.locator("#t button.start").click();
        postFrom(page.mainFrame(), "document.getElementById('frag').contentWindow.postMessage("
                + "{orreryBridge: 1, kind: 'style-guide', name: 'contrast'}, '*')", "document.getElementById('frag').contentWindow", "frag");
        assertEquals(null, child.evaluate("document.documentElement.dataset.styleGuide ?? null"));
        assertEquals("40px", js("document.getElementById('frag').style.height"), "the child's size never reaches it");
        assertEquals(0, js("__events.length"));
    }

    @Test
    void allowListsAreRequired() {
        server.html("/plain.html", "<!doctype html><iframe id=f></iframe>");
        page.navigate(server.url("/plain.html"));
        assertEquals("TypeError,TypeError,TypeError,Error", js("async () => {"
                + " const { connectFrame, connectToParent } = await import('/orrery/widgets/orrery-bridge.js');"
                + " const f = document.getElementById('f'); const out = [];"
                + " for (const o of [undefined, '*', []]) { try { connectFrame(f, {allowedOrigins: o}); out.push('ok'); }"
                + "   catch (e) { out.push(e.name); } }"
                + " try { connectToParent({allowedOrigins: ['http://x']}); } catch (e) { out.push(e.name); }"
                + " return out.join(); }"));
    }
}
