package dev.orrery.style;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** orrery-picker: options, keyboard and type-ahead, events, dirty, state, the same-origin rule. */
class PickerTest extends BrowserTestSupport {

    private static final String FRUIT = "['Apple', 'Apricot', 'Banana', 'Blueberry', 'Cherry', {value: 'd', label: 'Date'}]";

    private void openWithFruit(String attributes) {
        open(null, "<button id=before>before</button><orrery-picker id=p label=Fruit " + attributes + "></orrery-picker>");
        js("document.getElementById('p').options = " + FRUIT);
    }

    private String activeLabel() {
        return (String) js("(() => { const r = document.getElementById('p').shadowRoot;"
                + " const id = r.querySelector('.combo').getAttribute('aria-activedescendant');"
                + " return id ? r.getElementById(id).textContent : null; })()");
    }

    private Object open() {
        return js("document.getElementById('p').open");
    }

    private void focusCombobox() {
        page.locator("#before").focus();
        page.keyboard().press("Tab");
        assertEquals("combo", js("document.getElementById('p').shadowRoot.activeElement.id"));
    }

    @Test
    void optionsPropertyAcceptsStringsAndValueLabelPairs() {
        openWithFruit("");
        assertEquals("[{\"value\":\"Apple\",\"label\":\"Apple\"},{\"value\":\"Apricot\",\"label\":\"Apricot\"},"
                + "{\"value\":\"Banana\",\"label\":\"Banana\"},{\"value\":\"Blueberry\",\"label\":\"Blueberry\"},"
                + "{\"value\":\"Cherry\",\"label\":\"Cherry\"},{\"value\":\"d\",\"label\":\"Date\"}]",
                json("document.getElementById('p').options"));
        assertEquals("Choose…", page.locator("#p .value").textContent(), "placeholder while nothing is chosen");
        assertEquals(null, js("document.getElementById('p').value"));
        js("document.getElementById('p').value = 'd'");
        assertEquals("Date", page.locator("#p .value").textContent());
        assertEquals("Date", js("document.getElementById('p').selectedLabel"));
        assertEquals("[]", takeEvents(), "setting value from code emits nothing");
        assertEquals(false, js("document.getElementById('p').dirty"));
        assertEquals("TypeError", js("() => { try { document.getElementById('p').options = [{}]; } catch (e) { return e.name; } }"));
        assertEquals("TypeError", js("() => { try { document.getElementById('p').options = 'x'; } catch (e) { return e.name; } }"));
        js("document.getElementById('p').options = ['<b>x</b>']");
        assertEquals("<b>x</b>", page.locator("#p [role=option]").textContent(), "labels are text, never markup");
    }

    @Test
    void keyboardNavigationArrowsHomeEndEnterEscape() {
        openWithFruit("");
        focusCombobox();
        assertEquals(false, open());
        page.keyboard().press("ArrowDown");
        assertEquals(true, open());
        assertEquals("true", page.locator("#p .combo").getAttribute("aria-expanded"));
        assertEquals("Apple", activeLabel());
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        assertEquals("Banana", activeLabel());
        page.keyboard().press("ArrowUp");
        assertEquals("Apricot", activeLabel());
        page.keyboard().press("End");
        assertEquals("Date", activeLabel());
        page.keyboard().press("ArrowDown");
        assertEquals("Date", activeLabel(), "no wrap past the end");
        page.keyboard().press("Home");
        assertEquals("Apple", activeLabel());
        page.keyboard().press("ArrowUp");
        assertEquals("Apple", activeLabel(), "no wrap before the start");

        page.keyboard().press("Escape");
        assertEquals(false, open());
        assertEquals("[]", takeEvents(), "Escape changes nothing");
        assertEquals(null, js("document.getElementById('p').value"));

        page.keyboard().press("End");
        assertEquals("Date", activeLabel(), "End opens on the last option");
        page.keyboard().press("ArrowUp");
        page.keyboard().press("Enter");
        assertEquals(false, open());
        assertEquals("[{\"type\":\"picker-change\",\"detail\":{\"value\":\"Cherry\",\"label\":\"Cherry\",\"previousValue\":null,"
                + "\"index\":4},\"t\":" + T0 + ",\"target\":\"p\"},"
                + "{\"type\":\"dirty-change\",\"detail\":{\"dirty\":true},\"t\":" + T0 + ",\"target\":\"p\"}]", takeEvents());
        assertEquals("Cherry", js("document.getElementById('p').value"));
        assertEquals("Cherry selected", page.locator("#p [role=status]").textContent());

        page.keyboard().press("Enter");
        assertEquals("Cherry", activeLabel(), "reopens on the selected option");
        page.keyboard().press("Enter");
        assertEquals("[]", takeEvents(), "choosing the same value is no change");
        page.keyboard().press("Space");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Space");
        assertEquals("[{\"type\":\"picker-change\",\"detail\":{\"value\":\"d\",\"label\":\"Date\",\"previousValue\":\"Cherry\","
                + "\"index\":5},\"t\":" + T0 + ",\"target\":\"p\"}]", takeEvents(), "Space opens and chooses; already dirty");
        page.keyboard().press("Alt+ArrowDown");
        assertEquals(true, open());
        page.keyboard().press("Home");
        page.keyboard().press("Alt+ArrowUp");
        assertEquals("Apple", js("document.getElementById('p').value"), "Alt+ArrowUp chooses and closes");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Tab");
        assertEquals(false, open(), "Tab closes without choosing");
        assertEquals("Apple", js("document.getElementById('p').value"));
    }

    @Test
    void typeAheadMatchesPrefixesAndCyclesOnRepeatedLetters() {
        openWithFruit("");
        focusCombobox();
        page.keyboard().type("b");
        assertEquals(true, open(), "typing opens the list");
        assertEquals("Banana", activeLabel());
        page.keyboard().type("l");
        assertEquals("Blueberry", activeLabel(), "'bl' within 500 ms");
        page.clock().runFor(600);
        page.keyboard().type("c");
        assertEquals("Cherry", activeLabel(), "a pause starts a new search");
        page.clock().runFor(600);
        page.keyboard().type("a");
        assertEquals("Apple", activeLabel(), "search wraps around");
        page.keyboard().type("a");
        assertEquals("Apricot", activeLabel(), "repeating a letter cycles");
        page.keyboard().type("a");
        assertEquals("Apple", activeLabel());
        page.clock().runFor(600);
        page.keyboard().type("APR");
        assertEquals("Apricot", activeLabel(), "case-insensitive");
        page.keyboard().type("z");
        assertEquals("Apricot", activeLabel(), "no match keeps the active option");
        page.clock().runFor(600);
        page.keyboard().press("Enter");
        assertEquals("Apricot", js("document.getElementById('p').value"));
    }

    @Test
    void mouseChoosesAnOption() {
        openWithFruit("");
        page.locator("#p .combo").click();
        assertEquals(true, open());
        page.locator("#p [role=option]", new Page.LocatorOptions().setHasText("Banana")).click();
        assertEquals("Banana", js("document.getElementById('p').value"));
        assertEquals(false, open());
        assertEquals("[\"picker-change\",\"dirty-change\"]", json("__events.map(e => e.type)"));
    }

    @Test
    void dirtyMarkCleanAndRestore() {
        openWithFruit("");
        focusCombobox();
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
        assertEquals(true, js("document.getElementById('p').dirty"));
        takeEvents();
        js("document.getElementById('p').markClean()");
        assertEquals("[{\"type\":\"dirty-change\",\"detail\":{\"dirty\":false},\"t\":" + T0 + ",\"target\":\"p\"}]", takeEvents());
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
        assertEquals("[\"picker-change\",\"dirty-change\"]", json("__events.map(e => e.type)"));
        takeEvents();
        js("document.getElementById('p').restore({v: 1, value: 'Apple'})");
        assertEquals("[{\"type\":\"dirty-change\",\"detail\":{\"dirty\":false},\"t\":" + T0 + ",\"target\":\"p\"}]", takeEvents());
        assertEquals("Apple", js("document.getElementById('p').value"));
    }

    @Test
    void serializeRestoreRoundTripAndStateAttribute() {
        open(null, "<orrery-picker id=p></orrery-picker>"
                + "<orrery-picker id=q state='{\"v\":1,\"value\":\"Banana\"}' value=Apple></orrery-picker>");
        js("for (const id of ['p', 'q']) document.getElementById(id).options = " + FRUIT);
        assertEquals("{\"v\":1,\"value\":null}", json("document.getElementById('p').serialize()"));
        assertEquals("{\"v\":1,\"value\":\"Banana\"}", json("document.getElementById('q').serialize()"),
                "the state attribute wins over the value attribute");
        assertEquals("Banana", page.locator("#q .value").textContent());
        js("document.getElementById('p').restore(document.getElementById('q').serialize())");
        assertEquals("{\"v\":1,\"value\":\"Banana\"}", json("document.getElementById('p').serialize()"));
        js("document.getElementById('p').restore({v: 1, value: null})");
        assertEquals("{\"v\":1,\"value\":null}", json("document.getElementById('p').serialize()"));
        js("document.getElementById('p').state = '{\"v\":1,\"value\":\"Cherry\"}'");
        assertEquals("Cherry", js("document.getElementById('p').value"));
        for (String bad : new String[] {"null", "[]", "{\"value\":3}", "{\"v\":9,\"value\":\"x\"}"}) {
            assertEquals("TypeError", js("s => { try { document.getElementById('p').restore(JSON.parse(s)); return 'ok'; }"
                    + " catch (e) { return e.name; } }", bad), bad);
        }
        assertEquals("[]", takeEvents());
    }

    @Test
    void attributesLabelPlaceholderValueAndAccessibleName() {
        open(null, "<orrery-picker id=p label='Time zone' placeholder='Pick one' value=UTC></orrery-picker>"
                + "<orrery-picker id=q label='Priority' placeholder='No priority'></orrery-picker>");
        assertEquals("UTC", page.locator("#p .value").textContent(), "an unknown value shows as itself until options arrive");
        js("document.getElementById('p').options = [{value: 'UTC', label: 'Coordinated Universal Time'}]");
        assertEquals("Coordinated Universal Time", page.locator("#p .value").textContent());
        assertEquals("No priority", page.locator("#q .value").textContent());
        assertThat(page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Priority No priority"))).isVisible();
        js("document.getElementById('q').label = 'Urgency'");
        assertThat(page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Urgency No priority"))).isVisible();
        js("document.getElementById('q').options = ['low', 'high']");
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Urgency No priority")).click();
        assertThat(page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Urgency"))).isVisible();
        assertThat(page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("high"))).isVisible();
    }

    @Test
    void fetchesOptionsFromASameOriginUrl() {
        server.put("/api/priorities", "application/json", "[\"low\",{\"value\":\"hi\",\"label\":\"High\"}]");
        server.put("/api/wrapped", "application/json", "{\"options\":[\"one\",\"two\",\"three\"]}");
        open(null, "<orrery-picker id=p src='/api/priorities'></orrery-picker>");
        page.waitForFunction("() => document.getElementById('p').options.length === 2");
        assertEquals("[{\"type\":\"picker-load\",\"detail\":{\"url\":\"" + server.url("/api/priorities") + "\",\"count\":2},"
                + "\"t\":T,\"target\":\"p\"}]",
                takeEvents().replaceAll(",\"t\":\\d+", ",\"t\":T"));
        assertEquals("[{\"value\":\"low\",\"label\":\"low\"},{\"value\":\"hi\",\"label\":\"High\"}]",
                json("document.getElementById('p').options"));
        js("document.getElementById('p').src = '" + server.url("/api/wrapped") + "'");
        page.waitForFunction("() => document.getElementById('p').options.length === 3");
        assertEquals(null, js("document.getElementById('p').error"));
    }

    @Test
    void refusesCrossOriginUrlsAndFetchesNothing() {
        foreign.put("/api/options", "application/json", "[\"stolen\"]");
        open(null, "<orrery-picker id=p></orrery-picker>");
        js("document.getElementById('p').options = ['kept']");
        for (String url : new String[] {foreign.url("/api/options"), "//127.0.0.1:1/api/options",
                "data:application/json,[\"x\"]", "javascript:alert(1)"}) {
            js("u => document.getElementById('p').src = u", url);
            assertEquals("cross-origin", js("document.getElementById('p').error.reason"), url);
        }
        assertEquals("[\"cross-origin\",\"cross-origin\",\"cross-origin\",\"cross-origin\"]",
                json("__events.filter(e => e.type === 'picker-error').map(e => e.detail.reason)"));
        assertEquals("{\"reason\":\"cross-origin\",\"url\":\"" + foreign.url("/api/options") + "\"}",
                json("__events[0].detail"));
        page.clock().runFor(5000);
        assertEquals(java.util.List.of(), foreign.requests(), "nothing is fetched from the foreign origin");
        assertEquals("[{\"value\":\"kept\",\"label\":\"kept\"}]", json("document.getElementById('p').options"));
    }

    @Test
    void reportsHttpAndFormatErrors() {
        server.put("/api/missing", 404, "text/plain", "nope");
        server.put("/api/garbage", "application/json", "{not json");
        server.put("/api/wrong-shape", "application/json", "{\"items\":[]}");
        open(null, "<orrery-picker id=p></orrery-picker>");
        js("document.getElementById('p').src = '/api/missing'");
        page.waitForFunction("() => document.getElementById('p').error !== null");
        assertEquals("{\"reason\":\"http\",\"url\":\"" + server.url("/api/missing") + "\",\"status\":404}",
                json("document.getElementById('p').error"));
        for (String path : new String[] {"/api/garbage", "/api/wrong-shape"}) {
            js("document.getElementById('p').src = '" + path + "'");
            page.waitForFunction("u => document.getElementById('p').error?.url?.endsWith(u)", path);
            assertEquals("format", js("document.getElementById('p').error.reason"), path);
        }
    }

    @Test
    void partsAreExposed() {
        open(null, "<style>orrery-picker::part(combobox) { border-top-width: 5px; }</style><orrery-picker id=p></orrery-picker>");
        js("document.getElementById('p').options = ['a', 'b']; document.getElementById('p').value = 'b'");
        assertEquals("5px", js("getComputedStyle(document.getElementById('p').shadowRoot.querySelector('.combo')).borderTopWidth"));
        assertEquals("base,label,combobox,value,listbox,option,option option-selected,status",
                js("[...document.getElementById('p').shadowRoot.querySelectorAll('[part]')].map(e => e.getAttribute('part')).join()"));
        assertTrue(consoleErrors.isEmpty(), consoleErrors::toString);
    }
}
