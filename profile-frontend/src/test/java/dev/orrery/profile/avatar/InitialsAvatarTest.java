package dev.orrery.profile.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InitialsAvatarTest {

    @Test
    void firstAndLastWordCodePointSafe() {
        assertEquals("AL", InitialsAvatar.initials("Alice Pleasance Liddell"));
        assertEquals("B", InitialsAvatar.initials("  bob "));
        assertEquals("𝔸Ö", InitialsAvatar.initials("𝔸da öhrn"));
        assertEquals("?", InitialsAvatar.initials("   "));
    }

    @Test
    void everythingFromTheUserIsEscaped() {
        String svg = InitialsAvatar.svg("u1", "<script>\"x\" & 'y'</script> Zed");
        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("aria-label=\"&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt; Zed\""));
        assertTrue(svg.contains(">&lt;Z</text>"));
    }
}
