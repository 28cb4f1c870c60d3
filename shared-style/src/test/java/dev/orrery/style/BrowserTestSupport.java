package dev.orrery.style;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Clock;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One headless Chromium per test class, a fresh context and page per test, and
 * two static servers (two origins: {@link #server} is the page's own,
 * {@link #foreign} plays a foreign server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

    static final Path CHROMIUM = Path.of(System.getProperty("orrery.chromium", "/usr/bin/chromium"));
    /** Fake-clock time every test starts at: 2030-01-01T00:00:00Z. */
    static final long T0 = 1_893_456_000_000L;
    static final String EVENTS = "['timer-start','timer-stop','timer-countdown','dirty-change','picker-change',"
            + "'picker-error','picker-load']";

    Playwright playwright;
    Browser browser;
    StaticServer server;
    StaticServer foreign;
    BrowserContext context;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    void startBrowser() throws Exception {
        server = new StaticServer();
        foreign = new StaticServer();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        server.close();
        foreign.close();
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext();
        page = context.newPage();
        consoleErrors.clear();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(consoleErrors::add);
        server.clearRequests();
        foreign.clearRequests();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    /**
     * A test page on {@link #server}: tokens, base styles, an event recorder
     * ({@code window.__events}, each {type, detail, t, target}) and the widgets.
     */
    static String testPage(String styleGuide, String body) {
        return """
                <!doctype html>
                <html lang="en"%s>
                <head>
                  <meta charset="utf-8"><title>test</title>
                  <link rel="stylesheet" href="/orrery/style/tokens.css">
                  <link rel="stylesheet" href="/orrery/style/base.css">
                  <script>
                    window.__events = [];
                    for (const type of %s) {
                      document.addEventListener(type, (e) => __events.push(
                        {type: e.type, detail: e.detail, t: Date.now(), target: e.target.id || e.target.localName}));
                    }
                  </script>
                  <script type="module" src="/orrery/widgets/orrery-timer.js"></script>
                  <script type="module" src="/orrery/widgets/orrery-picker.js"></script>
                </head>
                <body>
                %s
                </body>
                </html>
                """.formatted(styleGuide == null ? "" : " data-style-guide=\"" + styleGuide + "\"", EVENTS, body);
    }

    /** Serves the page, opens it on a fake clock and pauses time at exactly {@link #T0}. */
    void open(String styleGuide, String body) {
        server.html("/test.html", testPage(styleGuide, body));
        page.clock().install(new Clock.InstallOptions().setTime(T0 - 10_000));
        page.navigate(server.url("/test.html"));
        page.waitForFunction("() => !!(customElements.get('orrery-timer') && customElements.get('orrery-picker'))");
        page.clock().pauseAt(T0);
    }

    /** The recorded events as JSON, then cleared. */
    String takeEvents() {
        return (String) page.evaluate("() => { const e = JSON.stringify(window.__events); window.__events = []; return e; }");
    }

    Object js(String expression) {
        return page.evaluate(expression);
    }

    Object js(String expression, Object arg) {
        return page.evaluate(expression, arg);
    }

    String json(String expression) {
        return (String) page.evaluate("() => JSON.stringify(" + expression + ")");
    }
}
