package dev.orrery.gateway.compose;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;

/**
 * Bytes gathered for one write without copying them: layout text and fragment bodies are added by reference. Copying
 * each fragment into one growing page buffer (and that buffer into the write queue) was a quarter of the gateway's
 * CPU per page (bench/compose JFR); the socket write still makes its one copy into direct memory.
 */
final class PageBytes {

    /** Far above a page's parts, so Netty never consolidates (copies) them. */
    private static final int MAX_PARTS = 1024;

    private CompositeByteBuf parts;

    PageBytes add(Buffer bytes) {
        if (bytes.length() > 0) {
            if (parts == null) {
                // not Unpooled.compositeBuffer(): that one is leak-tracked, and nothing here needs a release
                parts = new CompositeByteBuf(UnpooledByteBufAllocator.DEFAULT, false, MAX_PARTS);
            }
            parts.addComponent(true, bytes.getByteBuf());
        }
        return this;
    }

    PageBytes add(String text) {
        return text.isEmpty() ? this : add(Buffer.buffer(text));
    }

    boolean isEmpty() {
        return parts == null;
    }

    /** What was gathered, as one buffer, and starts over; empty when nothing was added. */
    Buffer take() {
        Buffer out = parts == null ? Buffer.buffer() : Buffer.buffer(parts);
        parts = null;
        return out;
    }
}
