package dev.orrery.gateway.proxy;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;

/**
 * Passes WebSocket frames between the browser and the upstream socket as they arrive (text, binary and continuation
 * frames, fragments kept; pings are answered by each side itself, closes by the close handlers). While one side's
 * write queue is full the other side is paused, so a browser that stops reading stops the gateway reading the
 * front-end instead of buffering for it. A browser that stays full longer than the stall limit is closed with
 * {@value #TOO_SLOW} (and the upstream socket with it).
 */
final class FramePipe {

    static final short TOO_SLOW = 1013;
    private static final Logger LOG = Logger.getLogger(FramePipe.class);

    private final Vertx vertx;
    private final WebSocketBase browser;
    private final WebSocketBase upstream;
    private final long stallLimitMs;
    private long stallTimer = -1;

    private FramePipe(Vertx vertx, WebSocketBase browser, WebSocketBase upstream, Duration stallLimit) {
        this.vertx = vertx;
        this.browser = browser;
        this.upstream = upstream;
        this.stallLimitMs = Math.max(1, stallLimit.toMillis());
    }

    static void connect(Vertx vertx, WebSocketBase browser, WebSocketBase upstream, Duration stallLimit) {
        new FramePipe(vertx, browser, upstream, stallLimit).start();
    }

    private void start() {
        browser.frameHandler(frame -> pass(frame, upstream, browser, false));
        upstream.frameHandler(frame -> pass(frame, browser, upstream, true));
        browser.closeHandler(v -> {
            cancelStallTimer();
            closeWith(upstream, browser.closeStatusCode(), browser.closeReason());
        });
        upstream.closeHandler(v -> {
            cancelStallTimer();
            closeWith(browser, upstream.closeStatusCode(), upstream.closeReason());
        });
        // Without these, a side that vanishes (reset, broken pipe) is logged as an uncaught ERROR by Vert.x.
        browser.exceptionHandler(e -> LOG.debugf("browser side of a proxied WebSocket: %s", e.getMessage()));
        upstream.exceptionHandler(e -> LOG.debugf("upstream side of a proxied WebSocket: %s", e.getMessage()));
        upstream.resume();
    }

    private void pass(WebSocketFrame frame, WebSocketBase to, WebSocketBase from, boolean toBrowser) {
        if (frame.isClose() || to.isClosed()) {
            return;
        }
        to.writeFrame(frame);
        if (to.writeQueueFull()) {
            from.pause();
            if (toBrowser && stallTimer == -1) {
                stallTimer = vertx.setTimer(stallLimitMs, id -> tooSlow());
            }
            to.drainHandler(v -> {
                if (toBrowser) {
                    cancelStallTimer();
                }
                if (!from.isClosed()) {
                    from.resume();
                }
            });
        }
    }

    private void tooSlow() {
        stallTimer = -1;
        LOG.debugf("browser did not read its WebSocket for %d ms: closing it with %d", stallLimitMs, TOO_SLOW);
        closeWith(browser, TOO_SLOW, "too slow: stopped reading");
        closeWith(upstream, (short) 1001, "browser too slow");
    }

    private void cancelStallTimer() {
        if (stallTimer != -1) {
            vertx.cancelTimer(stallTimer);
            stallTimer = -1;
        }
    }

    private static void closeWith(WebSocketBase socket, Short code, String reason) {
        if (!socket.isClosed()) {
            socket.close(codeOr1000(code), reason);
        }
    }

    /** 1005/1006 mean "no code" and may not be sent in a close frame. */
    private static short codeOr1000(Short code) {
        return code == null || code == 1005 || code == 1006 ? 1000 : code;
    }
}
