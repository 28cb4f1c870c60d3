package dev.orrery.gateway.compose;

import io.netty.handler.codec.http.HttpResponseDecoder;

/** Netty's HTTP answer decoder that can tell whether bytes arrived behind the answer it just finished. */
final class FragmentAnswerDecoder extends HttpResponseDecoder {

    FragmentAnswerDecoder(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
        super(maxInitialLineLength, maxHeaderSize, maxChunkSize);
    }

    /** Bytes received and not yet decoded: after a finished answer, ones nobody asked for. */
    boolean holdsBytes() {
        return actualReadableBytes() > 0;
    }
}
