package dev.orrery.gateway.compose;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * A rendered layout cut into what the page stream writes: static text, fragment slots, and the place for late
 * fragments; {@code slots} are the slot names in document order.
 */
public record Layout(List<Part> parts, List<String> slots) {

    static final String LATE_MARKER = "<!--orrery:late-->";
    static final String CSRF_MARKER = "<!--orrery:csrf-->";
    private static final Pattern MARKER = Pattern.compile(
            "<!--orrery:(slot:([a-z][a-z0-9-]*:[a-z][a-z0-9-]*)|late|csrf)-->");

    public sealed interface Part {
    }

    /** Static HTML, kept as a ready-to-write buffer. */
    public record Text(Buffer bytes) implements Part {
    }

    /** A fragment slot such as {@code todo:list}, with its opening tags (a settled slot, a pending one) as bytes. */
    public record Slot(String name, Buffer open, Buffer openPending) implements Part {

        static Slot named(String name) {
            return new Slot(name, bytes("<div data-slot=\"" + name + "\">"),
                    bytes("<div data-slot=\"" + name + "\" data-pending>"));
        }
    }

    /**
     * Fixed bytes in direct memory, made once: a page whose parts are all direct (these and the fragment bodies as
     * read) is written with one gathering write and no copy. A JDK direct buffer, so the garbage collector frees a
     * replaced layout's bytes (Netty's own direct buffers would have to be released).
     */
    static Buffer bytes(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(utf8.length).put(utf8).flip()));
    }

    /** Where fragments that missed their budget are streamed, just before {@code </body>}. */
    public record Late() implements Part {
    }

    /** The user's CSRF token as {@code <meta name="orrery-csrf">}. */
    public record Csrf() implements Part {
    }

    static String slotMarker(String name) {
        return "<!--orrery:slot:" + name + "-->";
    }

    /** Cuts rendered layout HTML at its slot and late markers. */
    static Layout parse(String html) {
        List<Part> parts = new ArrayList<>();
        Matcher m = MARKER.matcher(html);
        int from = 0;
        while (m.find()) {
            addText(parts, html.substring(from, m.start()));
            parts.add(m.group(2) != null ? Slot.named(m.group(2)) : "late".equals(m.group(1)) ? new Late() : new Csrf());
            from = m.end();
        }
        addText(parts, html.substring(from));
        return new Layout(List.copyOf(parts),
                parts.stream().filter(Slot.class::isInstance).map(p -> ((Slot) p).name()).toList());
    }

    private static void addText(List<Part> parts, String text) {
        if (!text.isEmpty()) {
            parts.add(new Text(bytes(text)));
        }
    }
}
