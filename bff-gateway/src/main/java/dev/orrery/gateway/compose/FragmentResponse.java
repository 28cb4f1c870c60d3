package dev.orrery.gateway.compose;

import io.vertx.core.buffer.Buffer;

/**
 * A front-end's answer for one fragment; {@code status} 0 means no answer (timeout, refused, too big). The body stays
 * bytes: the page is written from them without decoding.
 */
public record FragmentResponse(int status, Buffer body, String location, String cacheControl, String problem) {

    private static final Buffer EMPTY = Buffer.buffer();

    static FragmentResponse failed(String problem) {
        return new FragmentResponse(0, EMPTY, null, null, problem);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
