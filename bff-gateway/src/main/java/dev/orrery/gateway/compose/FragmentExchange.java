package dev.orrery.gateway.compose;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.future.PromiseInternal;

/**
 * One fragment request and its answer, on the event loop of the page that asked: the request's bytes, the deadline,
 * and the answer's status, the two headers the composer uses, and the body (the read buffers themselves, not a
 * copy). Settles its promise once: with the answer, or with status 0 and the reason.
 */
final class FragmentExchange {

    private final String path;
    private final FragmentRequestHeaders headers;
    private final int maxBytes;
    private final long timeoutMs;
    private final PromiseInternal<FragmentResponse> promise;
    /** When it times out (System.nanoTime), set by {@link FragmentDeadlines}. */
    long deadlineNanos;
    /** The connection carrying this exchange, null while it waits for one. */
    FragmentConnection connection;
    /** Sent once already on a kept-alive connection that closed before any answer: one retry on a new one. */
    boolean retried;
    private boolean answering;
    private boolean informational;
    private int status;
    private String location;
    private String cacheControl;
    private boolean keepAlive;
    /** The body's parts as read (retained slices of the read buffers), never copied; null until the first. */
    private CompositeByteBuf body;
    private boolean done;

    FragmentExchange(String path, FragmentRequestHeaders headers, int maxBytes, long timeoutMs,
            PromiseInternal<FragmentResponse> promise) {
        this.path = path;
        this.headers = headers;
        this.maxBytes = maxBytes;
        this.timeoutMs = timeoutMs;
        this.promise = promise;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    boolean done() {
        return done;
    }

    /** Whether any byte of an answer arrived: only a request with none may be sent again. */
    boolean answering() {
        return answering;
    }

    ByteBuf request(ByteBufAllocator alloc, String host) {
        byte[] lines = headers.lines();
        ByteBuf request = alloc.ioBuffer(path.length() + host.length() + lines.length + 32);
        ByteBufUtil.writeAscii(request, "GET ");
        ByteBufUtil.writeAscii(request, path);
        ByteBufUtil.writeAscii(request, " HTTP/1.1\r\nHost: ");
        ByteBufUtil.writeAscii(request, host);
        ByteBufUtil.writeAscii(request, "\r\n");
        return request.writeBytes(lines);
    }

    /** The status line and headers; false when the answer cannot be taken (too big). */
    boolean head(HttpResponse response) {
        answering = true;
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            informational = true; // e.g. 103 Early Hints: the real answer follows on the same connection
            return true;
        }
        status = response.status().code();
        location = response.headers().get(HttpHeaderNames.LOCATION);
        cacheControl = response.headers().get(HttpHeaderNames.CACHE_CONTROL);
        keepAlive = HttpUtil.isKeepAlive(response);
        return HttpUtil.getContentLength(response, -1L) <= maxBytes;
    }

    /** A part of the body; false once the body passes the limit. */
    boolean content(ByteBuf part) {
        if (informational || !part.isReadable()) {
            return true;
        }
        if (body == null) {
            body = part.alloc().compositeDirectBuffer(16);
        }
        if (body.readableBytes() + part.readableBytes() > maxBytes) {
            return false;
        }
        body.addComponent(true, part.retain());
        return true;
    }

    /** The end of an answer: true when it was the real one (not a 1xx), which is now settled. */
    boolean end() {
        if (informational) {
            informational = false;
            return false;
        }
        CompositeByteBuf bytes = body;
        body = null; // the response owns it now
        settle(new FragmentResponse(status, bytes == null ? Buffer.buffer() : Buffer.buffer(bytes), location,
                cacheControl, null, bytes));
        return true;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    String tooBig() {
        return "body larger than " + maxBytes + " bytes";
    }

    void fail(String problem) {
        settle(FragmentResponse.failed(problem));
    }

    /** Its deadline passed: fails it unless settled already. */
    void timedOut() {
        if (!done) {
            FragmentConnection carrying = connection;
            fail("TimeoutException: no answer within " + timeoutMs + " ms");
            if (carrying != null) {
                carrying.abandon(); // a late answer must not be read as the next request's
            }
        }
    }

    private void settle(FragmentResponse response) {
        if (done) {
            return;
        }
        done = true;
        connection = null;
        if (body != null) { // a failure after part of the body came
            body.release();
            body = null;
        }
        promise.tryComplete(response);
    }
}
