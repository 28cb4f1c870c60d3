package dev.orrery.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three style guides: computed styles, instant switching, widget theming, contrast, the style-guide page. */
class StyleGuideTest extends BrowserTestSupport {

    private static final Path TOKENS = StaticServer.RESOURCES.resolve("orrery/style/tokens.css");

    private String computed(String expression, String property) {
        return (String) js("getComputedStyle(" + expression + ")." + property);
    }

    private static final String START = "document.getElementById('t').shadowRoot.querySelector('.start')";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "daylight  | rgb(255, 255, 255) | rgb(27, 31, 36)    | rgb(11, 92, 173)   | 2px | 16px",
        "nightfall | rgb(15, 20, 25)    | rgb(230, 237, 243) | rgb(108, 182, 255) | 2px | 16px",
        "contrast  | rgb(0, 0, 0)       | rgb(255, 255, 255) | rgb(255, 212, 0)   | 4px | 18px",
    })
    void eachGuideGivesItsOwnComputedStyles(String guide, String bg, String text, String accent, String ring, String size) {
        open(guide, "<orrery-timer id=t></orrery-timer>");
        assertEquals(bg, computed("document.body", "backgroundColor"));
        assertEquals(text, computed("document.body", "color"));
        assertEquals(size, computed("document.body", "fontSize"));
        assertEquals(accent, computed(START, "backgroundColor"), "widget tokens come from the page's guide");
        assertEquals(guide, js("document.getElementById('t').styleGuide"));
        js(START + ".focus()");
        assertEquals(ring, computed(START, "outlineWidth"));
    }

    @Test
    void switchingIsInstantForPageAndWidgets() {
        open("daylight", "<orrery-timer id=t></orrery-timer><orrery-picker id=p></orrery-picker>");
        @SuppressWarnings("unchecked")
        List<String> after = (List<String>) js("(() => { document.documentElement.dataset.styleGuide = 'contrast';"
                + " return [getComputedStyle(document.body).backgroundColor, getComputedStyle(" + START + ").backgroundColor,"
                + " getComputedStyle(document.getElementById('p').shadowRoot.querySelector('.combo')).borderTopWidth]; })()");
        assertEquals(List.of("rgb(0, 0, 0)", "rgb(255, 212, 0)", "2px"), after, "same task, no reload");
        page.waitForFunction("() => document.getElementById('t').styleGuide === 'contrast'");
    }

    @Test
    void widgetStyleGuideAttributeOverridesTheInheritedGuide() {
        open("daylight", "<orrery-timer id=t style-guide=nightfall></orrery-timer>"
                + "<div data-style-guide=contrast><orrery-timer id=nested></orrery-timer></div>"
                + "<orrery-timer id=bad style-guide=neon></orrery-timer>");
        assertEquals("rgb(108, 182, 255)", computed(START, "backgroundColor"));
        assertEquals("nightfall", js("document.getElementById('t').styleGuide"));
        assertEquals("contrast", js("document.getElementById('nested').styleGuide"), "nearest [data-style-guide] ancestor");
        assertEquals("rgb(255, 212, 0)", computed("document.getElementById('nested').shadowRoot.querySelector('.start')",
                "backgroundColor"));
        assertEquals("daylight", js("document.getElementById('bad').styleGuide"), "an unknown name is ignored");

        js("document.getElementById('t').styleGuide = 'contrast'");
        assertEquals("contrast", page.locator("#t").getAttribute("style-guide"), "property reflects");
        page.waitForFunction("() => getComputedStyle(" + START + ").backgroundColor === 'rgb(255, 212, 0)'");
        js("document.getElementById('t').styleGuide = null");
        assertEquals("rgb(11, 92, 173)", computed(START, "backgroundColor"), "back to the page's guide");
    }

    @Test
    void widgetsAreStyledEvenOnAPageWithoutTheTokens() {
        server.html("/bare.html", "<!doctype html><orrery-picker id=p style-guide=nightfall></orrery-picker>"
                + "<orrery-timer id=t></orrery-timer><script type=module src=/orrery/widgets/orrery-picker.js></script>"
                + "<script type=module src=/orrery/widgets/orrery-timer.js></script>");
        page.navigate(server.url("/bare.html"));
        page.waitForFunction("() => getComputedStyle(" + START + ").backgroundColor === 'rgb(11, 92, 173)'");
        page.waitForFunction("() => getComputedStyle(document.getElementById('p').shadowRoot.querySelector('.combo'))"
                + ".backgroundColor === 'rgb(15, 20, 25)'");
    }

    @Test
    void everyGuideDefinesTheSameTokensWithReadableContrast() throws IOException {
        Map<String, Map<String, String>> guides = guideBlocks(Files.readString(TOKENS));
        assertEquals(List.of("daylight", "nightfall", "contrast"), List.copyOf(guides.keySet()));
        for (var guide : guides.entrySet()) {
            assertEquals(new TreeSet<>(guides.get("daylight").keySet()), new TreeSet<>(guide.getValue().keySet()), guide.getKey());
            Map<String, String> t = guide.getValue();
            double min = guide.getKey().equals("contrast") ? 7.0 : 4.5;
            for (String[] pair : new String[][] {{"text", "bg"}, {"text", "surface"}, {"muted", "bg"}, {"accent", "bg"},
                    {"accent-text", "accent"}, {"danger", "bg"}, {"success", "bg"}, {"text", "selected"}}) {
                double ratio = contrast(t.get("--orrery-color-" + pair[0]), t.get("--orrery-color-" + pair[1]));
                assertTrue(ratio >= min, guide.getKey() + " " + pair[0] + " on " + pair[1] + " = " + ratio);
            }
            assertTrue(contrast(t.get("--orrery-focus-ring-color"), t.get("--orrery-color-bg")) >= 3.0, guide.getKey() + " ring");
        }
    }

    @Test
    void guideNamesAgreeBetweenCssJsAndTheManifest() {
        open(null, "");
        assertEquals(StyleAssets.load().styleGuides(),
                js("import('/orrery/widgets/style-guides.js').then(m => [...m.STYLE_GUIDES])"));
    }

    @Test
    void styleGuidePageShowsEveryTokenAndBothWidgetsInEachGuideAndScreenshots() throws IOException {
        page.setViewportSize(1000, 800);
        page.navigate(server.url("/orrery/style-guide.html"));
        page.waitForFunction("() => document.documentElement.dataset.ready === 'true'");
        TreeSet<String> tokens = new TreeSet<>();
        Matcher m = Pattern.compile("(--orrery-[a-z0-9-]+)\\s*:").matcher(Files.readString(TOKENS));
        while (m.find()) {
            tokens.add(m.group(1));
        }
        Path shots = TestPaths.moduleDir().resolve("target/screenshots");
        Files.createDirectories(shots);
        String mode = System.getProperty("orrery.screenshots", "missing");
        for (String guide : StyleAssets.load().styleGuides()) {
            Locator section = page.locator("#guide-" + guide);
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) section.evaluate("s => [...s.querySelectorAll('[data-token]')].map(r => r.dataset.token)");
            assertEquals(tokens, new TreeSet<>(shown), guide + " shows every token");
            assertEquals(1, section.locator("orrery-timer").count());
            assertEquals(1, section.locator("orrery-picker").count());
            assertEquals(guide, section.locator("orrery-timer").evaluate("t => t.styleGuide"));
            byte[] png = section.screenshot(new Locator.ScreenshotOptions().setPath(shots.resolve("style-guide-" + guide + ".png")));
            Path doc = TestPaths.repoRoot().resolve("docs/images/style-guide-" + guide + ".png");
            if ("update".equals(mode) || ("missing".equals(mode) && !Files.exists(doc))) {
                Files.createDirectories(doc.getParent());
                Files.write(doc, png);
            }
        }
        assertNotEquals(computedBg("daylight"), computedBg("nightfall"));
        assertNotEquals(computedBg("nightfall"), computedBg("contrast"));
        assertTrue(consoleErrors.isEmpty(), consoleErrors::toString);
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("style-guide-page.png")).setFullPage(true));
    }

    private String computedBg(String guide) {
        return (String) js("getComputedStyle(document.getElementById('guide-" + guide + "')).backgroundColor");
    }

    /** Custom properties per [data-style-guide="..."] block of tokens.css. */
    static Map<String, Map<String, String>> guideBlocks(String css) {
        Map<String, Map<String, String>> guides = new LinkedHashMap<>();
        Matcher block = Pattern.compile("\\[data-style-guide=\"([a-z-]+)\"\\]\\s*\\{([^}]*)}").matcher(css);
        while (block.find()) {
            Map<String, String> props = new LinkedHashMap<>();
            Matcher prop = Pattern.compile("(--orrery-(?:color|focus-ring|border)[a-z0-9-]*)\\s*:\\s*([^;]+);").matcher(block.group(2));
            while (prop.find()) {
                props.put(prop.group(1), prop.group(2).trim());
            }
            guides.put(block.group(1), props);
        }
        return guides;
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double[] c = {(rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0, (rgb & 255) / 255.0};
        for (int i = 0; i < 3; i++) {
            c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
