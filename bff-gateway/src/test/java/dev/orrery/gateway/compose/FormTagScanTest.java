package dev.orrery.gateway.compose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** The byte scan that decides whether a fragment is decoded for CSRF form protection. */
class FormTagScanTest {

    private static boolean holds(String... chunks) {
        PageBytes bytes = new PageBytes();
        for (String chunk : chunks) {
            bytes.add(Buffer.buffer(chunk));
        }
        return PageComposer.holdsFormTag(bytes.take().getByteBuf());
    }

    @Test
    void findsBothSpellingsAnywhere() {
        assertTrue(holds("<p>x</p><form method=\"post\">"));
        assertTrue(holds("<FORM METHOD=POST>"));
        assertTrue(holds("<section><p>a</p><fo", "rm method=post></form>"), "a tag split across two chunks");
    }

    @Test
    void noFormNoDecoding() {
        assertFalse(holds("<p>format</p><fieldset>"));
        assertFalse(holds(""));
        assertFalse(holds("<p>a</p><"));
        assertFalse(holds("<p>no forms here</p>", "<div>nor <b>here</b></div><for"));
    }
}
