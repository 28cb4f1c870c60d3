package dev.orrery.gateway.compose;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * A front-end's answer for one fragment; {@code status} 0 means no answer (timeout, refused, too big). The body stays
 * bytes: the page is written from them without decoding. {@code pooled} is the body's own memory when it lies in
 * Netty's pooled direct buffers (the bytes as they were read, written to the page without a copy): whoever ends up
 * with the answer gives it back with {@link #release()} once nothing will read {@code body} any more.
 */
public record FragmentResponse(int status, Buffer body, String location, String cacheControl, String problem,
        ByteBuf pooled) {

    private static final Buffer EMPTY = Buffer.buffer();

    static FragmentResponse failed(String problem) {
        return new FragmentResponse(0, EMPTY, null, null, problem, null);
    }

    void release() {
        if (pooled != null) {
            pooled.release();
        }
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
