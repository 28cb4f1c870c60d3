package dev.orrery.gateway.compose;

import java.util.concurrent.TimeUnit;

import dev.orrery.contracts.fragment.FragmentManifest;
import io.vertx.core.buffer.Buffer;

/**
 * The state of one slot during one page request (podium's "http outgoing"): what was asked, and once settled, the
 * HTML that goes into the slot and where it came from. Touched only on the request's event loop.
 */
final class SlotFetch {

    /** HIT: a still-fresh copy (its Cache-Control), no request made; CACHE: a last good copy standing in for a failure. */
    enum Source {
        FRESH, HIT, CACHE, FALLBACK, PLACEHOLDER, MISSING, ERROR
    }

    final String slot;
    /** Null when no valid manifest declares the slot. */
    final FragmentManifest.Fragment fragment;
    final long startNanos = System.nanoTime();

    boolean settled;
    Buffer html = Buffer.buffer();
    int status;
    Source source;
    String problem;
    /** A primary fragment's redirect target, as the front-end sent it. */
    String location;
    long nanos;
    /** Missed its budget: a placeholder is in the slot and the fragment may still arrive out of order. */
    boolean late;
    /** The out-of-order answer arrived (or failed); {@code lateHtml} is set when it is to be streamed. */
    boolean lateDone;
    Buffer lateHtml;

    SlotFetch(String slot, FragmentManifest.Fragment fragment) {
        this.slot = slot;
        this.fragment = fragment;
    }

    boolean gatesStatus() {
        return fragment != null && (fragment.primary() || fragment.required());
    }

    void settle(String html, int status, Source source) {
        settle(Buffer.buffer(html == null ? "" : html), status, source);
    }

    void settle(Buffer html, int status, Source source) {
        this.settled = true;
        this.html = html;
        this.status = status;
        this.source = source;
        this.nanos = System.nanoTime() - startNanos;
    }

    /** A {@code Server-Timing} entry: {@code todo.list;dur=12.3;desc="fresh 200"}. */
    String serverTiming() {
        double ms = (late && lateDone ? System.nanoTime() - startNanos : nanos) / (double) TimeUnit.MILLISECONDS.toNanos(1);
        String desc = source.name().toLowerCase() + " " + status + (late ? (lateHtml != null ? " late" : " late-missed") : "");
        return slot.replace(':', '.') + ";dur=" + Math.round(ms * 10) / 10.0 + ";desc=\"" + desc + "\"";
    }
}
