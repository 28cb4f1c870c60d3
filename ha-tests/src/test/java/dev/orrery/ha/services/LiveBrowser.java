package dev.orrery.ha.services;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Real headless Chromium (Debian's /usr/bin/chromium) on the composed site. Every page records, with the time it
 * arrived, each frame its live socket receives and each close, before the page's own script sees it: the page's
 * script stays untouched, the test can count frames by the user's sequence number afterwards.
 */
final class LiveBrowser implements AutoCloseable {

    private static final String RECORDER = """
            (() => {
              const Native = window.WebSocket;
              window.__orreryFrames = [];
              window.WebSocket = class extends Native {
                constructor(url, protocols) {
                  super(url, protocols);
                  window.__orreryFrames.push({ t: Date.now(), open: String(url) });
                  this.addEventListener('message', (e) => window.__orreryFrames.push({ t: Date.now(), data: e.data }));
                  this.addEventListener('close', (e) => window.__orreryFrames.push({ t: Date.now(), close: e.code }));
                }
              };
            })();
            """;

    private final Playwright playwright;
    private final Browser chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();

    LiveBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("orrery.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    /** Signs the user in through Keycloak's real login form and opens {@code tabs} tabs of the composed page. */
    List<LivePage> signIn(KeycloakUser user, int tabs) {
        BrowserContext context = chromium.newContext();
        contexts.add(context);
        context.addInitScript(RECORDER);
        List<LivePage> pages = new ArrayList<>();
        Page first = context.newPage();
        first.navigate(ServiceStack.SITE + "/");
        first.locator("#username").fill(user.name());
        first.locator("#password").fill(user.name() + "-orrery");
        first.locator("#kc-login").click();
        first.waitForURL(ServiceStack.SITE + "/**");
        pages.add(LivePage.opened(user, first));
        for (int i = 1; i < tabs; i++) {
            Page tab = context.newPage();
            tab.navigate(ServiceStack.SITE + "/");
            pages.add(LivePage.opened(user, tab));
        }
        return pages;
    }

    /** Another tab of the same signed-in visitor (not recorded). */
    Page newTab(LivePage of) {
        return of.page().context().newPage();
    }

    @Override
    public void close() {
        contexts.forEach(BrowserContext::close);
        chromium.close();
        playwright.close();
    }
}
