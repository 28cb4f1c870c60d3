package dev.orrery.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hashed assets, assets.json and the StyleAssets API; hashed widgets load with SRI in the browser. */
class StyleAssetsTest extends BrowserTestSupport {

    private final StyleAssets assets = StyleAssets.load();

    @Test
    void manifestListsEveryAssetWithHashedUrlAndSri() throws Exception {
        assertEquals(List.of("style/base.css", "style/tokens.css", "widgets/orrery-bridge.js", "widgets/orrery-element.js",
                "widgets/orrery-picker.js", "widgets/orrery-timer.js", "widgets/style-guides.js"),
                List.copyOf(assets.assets().keySet()));
        for (StyleAssets.Asset asset : assets.assets().values()) {
            String plain = asset.name().replaceAll("\\.(css|js)$", "");
            assertTrue(asset.url().matches("/orrery/" + plain + "\\.[0-9a-f]{10}\\.(css|js)"), asset.url());
            byte[] bytes = Files.readAllBytes(StaticServer.RESOURCES.resolve(asset.url().substring(1)));
            assertEquals("sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(bytes)),
                    asset.integrity(), asset.name());
            String hash = asset.url().replaceAll(".*\\.([0-9a-f]{10})\\.[a-z]+$", "$1");
            assertTrue(java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).startsWith(hash),
                    "the name is the content hash: " + asset.url());
        }
    }

    @Test
    void hashedFilesReferenceOnlyHashedFiles() throws Exception {
        for (StyleAssets.Asset asset : assets.assets().values()) {
            String text = Files.readString(StaticServer.RESOURCES.resolve(asset.url().substring(1)));
            var refs = java.util.regex.Pattern.compile("'(\\.{1,2}/[^']+\\.(?:js|css))'").matcher(text);
            while (refs.find()) {
                assertTrue(refs.group(1).matches(".*\\.[0-9a-f]{10}\\.(js|css)"), asset.name() + " -> " + refs.group(1));
            }
        }
        String timer = Files.readString(StaticServer.RESOURCES.resolve(assets.url("orrery-timer.js").substring(1)));
        assertTrue(timer.contains(Path.of(assets.url("orrery-element.js")).getFileName().toString()));
    }

    @Test
    void lookupByLogicalOrFileNameAndStyleGuides() {
        assertEquals(assets.url("style/tokens.css"), assets.url("tokens.css"));
        assertEquals(assets.integrity("widgets/orrery-picker.js"), assets.integrity("orrery-picker.js"));
        assertThrows(IllegalArgumentException.class, () -> assets.url("nope.css"));
        assertEquals(List.of("daylight", "nightfall", "contrast"), assets.styleGuides());
        assertTrue(assets.isStyleGuide("contrast"));
        assertFalse(assets.isStyleGuide("Contrast"));
        assertFalse(assets.isStyleGuide(null));
        assertEquals("daylight", assets.defaultStyleGuide());
        assertEquals("nightfall", assets.styleGuideOrDefault("nightfall"));
        assertEquals("daylight", assets.styleGuideOrDefault("<script>"));
        assertThrows(IllegalArgumentException.class, () -> StyleAssets.parse("{\"assets\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> StyleAssets.parse("{\"a\": tru}"));
        StyleAssets parsed = StyleAssets.parse("{\"styleGuides\":[\"x\"],\"assets\":{\"a/b.css\":{\"url\":\"/o/a/b.1.css\","
                + "\"integrity\":\"sha384-\\u0041\"}}, \"n\": -1.5e2, \"t\": [true, false, null]}");
        assertEquals("sha384-A", parsed.integrity("b.css"));
    }

    @Test
    void hashedWidgetsLoadWithIntegrityAndNeverTheUnhashedFiles() {
        server.html("/hashed.html", "<!doctype html><html data-style-guide=nightfall><head>"
                + "<link rel=stylesheet href='" + assets.url("tokens.css") + "' integrity='" + assets.integrity("tokens.css") + "'>"
                + "<link rel=stylesheet href='" + assets.url("base.css") + "' integrity='" + assets.integrity("base.css") + "'>"
                + "<script type=module src='" + assets.url("orrery-timer.js") + "' integrity='"
                + assets.integrity("orrery-timer.js") + "'></script>"
                + "<script type=module src='" + assets.url("orrery-picker.js") + "' integrity='sha384-"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'></script>"
                + "</head><body><orrery-timer id=t></orrery-timer></body></html>");
        page.navigate(server.url("/hashed.html"));
        page.waitForFunction("() => !!customElements.get('orrery-timer')");
        page.waitForFunction("() => getComputedStyle(document.getElementById('t').shadowRoot.querySelector('.start'))"
                + ".backgroundColor === 'rgb(108, 182, 255)'");
        assertEquals(false, js("!!customElements.get('orrery-picker')"), "a wrong integrity blocks the script");
        for (String request : server.requests()) {
            if (request.startsWith("/orrery/")) {
                assertTrue(request.matches(".*\\.[0-9a-f]{10}\\.(css|js)"), "unhashed request " + request);
            }
        }
    }
}
