package dev.orrery.gateway.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.orrery.contracts.fragment.ContextHeaders;
import dev.orrery.gateway.compose.SlotFetch.Source;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;

/**
 * Streams one composed page. All fragments are requested at once; the status line waits only for the fragments
 * that decide it (the primary and the required ones), then the layout is written in document order, each slot as
 * soon as its fragment settles. An optional fragment that misses its budget gets a placeholder (last good copy,
 * fallback or a reload link) and, if it still arrives within the late limit, is streamed before {@code </body>} in a
 * {@code <template>} that a tiny script moves into its slot. Everything runs on the request's event loop.
 */
final class PageStream {

    private static final String MOVE_SCRIPT = "<script>(function(t){var s=document.querySelector("
            + "'[data-slot=\"'+t.dataset.orreryLate+'\"]');if(s){s.replaceChildren(t.content.cloneNode(true));"
            + "s.removeAttribute('data-pending');}t.remove();})(document.currentScript.previousElementSibling);"
            + "document.currentScript.remove();</script>\n";

    // Header names and fixed values encoded once, written to the socket as bytes (no per-response char encoding)
    private static final CharSequence TEXT_HTML_UTF8 = HttpHeaders.createOptimized("text/html;charset=UTF-8");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence SERVER_TIMING = HttpHeaders.createOptimized("Server-Timing");
    private static final CharSequence TRAILER = HttpHeaders.createOptimized("Trailer");
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(ContextHeaders.REQUEST_ID);

    private static final Buffer END_SLOT = Layout.bytes("</div>");
    private static final Buffer END_LATE = Layout.bytes("</template>" + MOVE_SCRIPT);

    private final PageComposer composer;
    private final HttpServerResponse response;
    private final Layout layout;
    private final RequestContext context;
    private final String csrfToken;
    private final String pagePath;
    /** The client speaks HTTP/1.1 or later, so a 103 may precede the final status. */
    private final boolean earlyHints;
    private final Map<String, SlotFetch> slots = new LinkedHashMap<>();
    private final List<SlotFetch> lateToWrite = new ArrayList<>();
    /** Answers whose bodies lie in pooled memory: given back once the page's last write is done or it closed. */
    private final List<FragmentResponse> pooledAnswers = new ArrayList<>(4);
    private boolean pooledFree;
    /**
     * One timer per distinct budget of the optional fragments, cancelled when done; on the event loop itself rather
     * than Vert.x timers, which also register every timer in a shared concurrent map.
     */
    private final Map<Integer, ScheduledFuture<?>> budgetTimers = new HashMap<>(4);
    /** The request's event loop: every callback of this page runs on it. */
    private final Context loop = Vertx.currentContext();
    private final EventLoop eventLoop = ((ContextInternal) loop).nettyEventLoop();
    /** Bytes of the page waiting for the end of this event-loop turn. */
    private final PageBytes ready = new PageBytes();
    private boolean flushQueued;
    /** Set when the last bytes are queued: the trailer that goes with them. */
    private String endTiming;
    private int next;
    private boolean committed;
    private boolean finished;

    PageStream(PageComposer composer, HttpServerResponse response, Layout layout, RequestContext context,
            String csrfToken, String pagePath, boolean earlyHints) {
        this.earlyHints = earlyHints;
        this.composer = composer;
        this.response = response;
        this.layout = layout;
        this.context = context;
        this.csrfToken = csrfToken;
        this.pagePath = pagePath;
        // a closed connection has dropped whatever it still had to write
        response.closeHandler(v -> finishUnwritten());
    }

    void start() {
        List<Future<FragmentResponse>> gating = new ArrayList<>();
        FragmentRequestHeaders headers = composer.fragmentHeaders(context);
        for (String name : layout.slots()) {
            SlotFetch slot = new SlotFetch(name, composer.fragment(name));
            slots.put(name, slot);
            if (slot.fragment == null) {
                slot.settle(composer.unavailableHtml(), 503, Source.MISSING);
                continue;
            }
            Optional<Buffer> fresh = composer.freshCopy(context, slot);
            if (fresh.isPresent()) {
                slot.settle(fresh.get(), 200, Source.HIT);
                continue;
            }
            boolean optional = !slot.gatesStatus();
            long timeout = optional ? composer.lateLimitMs() : slot.fragment.timeoutMs();
            Future<FragmentResponse> answer = composer.fetch(name, slot.fragment, headers, timeout);
            answer.onSuccess(r -> onAnswer(slot, r));
            if (optional) {
                budgetTimers.computeIfAbsent(slot.fragment.timeoutMs(), budget -> eventLoop
                        .schedule(() -> onBudgetSpent(budget), budget, TimeUnit.MILLISECONDS));
            } else {
                gating.add(answer);
            }
        }
        if (gating.isEmpty()) {
            commit(200);
        } else {
            sendEarlyHints();
            Future.join(gating).onComplete(done -> decideStatus());
        }
    }

    /**
     * The head waits for the fragments that decide the status; meanwhile a 103 Early Hints answer lets the browser
     * fetch the head's styles and scripts.
     */
    private void sendEarlyHints() {
        String links = composer.preloadLinks();
        if (earlyHints && !links.isEmpty()) {
            // lower case: HTTP/2 refuses any other header name
            response.writeEarlyHints(HttpHeaders.headers().add("link", links));
        }
    }

    private void onAnswer(SlotFetch slot, FragmentResponse answer) {
        if (answer.pooled() != null) {
            if (pooledFree) {
                answer.release(); // nothing of this page will be written any more
                return;
            }
            pooledAnswers.add(answer);
        }
        if (slot.late) {
            slot.lateDone = true;
            if (answer.ok()) {
                composer.keepGoodCopy(context, slot, answer);
                slot.lateHtml = answer.body();
                lateToWrite.add(slot);
            }
        } else if (!slot.settled) {
            settle(slot, answer);
        }
        advance();
    }

    private void settle(SlotFetch slot, FragmentResponse answer) {
        slot.problem = answer.problem();
        slot.location = answer.location();
        if (answer.ok()) {
            composer.keepGoodCopy(context, slot, answer);
            slot.settle(answer.body(), answer.status(), Source.FRESH);
        } else if (slot.fragment.primary() && (answer.status() == 404 || isRedirect(answer.status()))) {
            slot.settle(answer.body(), answer.status(), Source.FRESH);
        } else if (slot.fragment.required()) {
            slot.settle(Buffer.buffer(), answer.status(), Source.ERROR);
        } else {
            settleWithSubstitute(slot, answer.status(), null);
        }
    }

    private void settleWithSubstitute(SlotFetch slot, int status, String otherwise) {
        composer.lastGoodCopy(context, slot.slot).ifPresentOrElse(
                html -> slot.settle(html, status, Source.CACHE),
                () -> slot.settle(slot.fragment.fallbackHtml() != null ? slot.fragment.fallbackHtml() : otherwise,
                        status, otherwise != null && slot.fragment.fallbackHtml() == null ? Source.PLACEHOLDER
                                : Source.FALLBACK));
    }

    private void onBudgetSpent(int budget) {
        budgetTimers.remove(budget);
        if (finished) {
            return;
        }
        for (SlotFetch slot : slots.values()) {
            if (!slot.settled && !slot.gatesStatus() && slot.fragment.timeoutMs() == budget) {
                slot.late = true;
                settleWithSubstitute(slot, 0, composer.pendingHtml(pagePath));
            }
        }
        advance();
    }

    private void finish() {
        finished = true;
        budgetTimers.values().forEach(timer -> timer.cancel(false));
        budgetTimers.clear();
    }

    /** Done, with no fragment body left to write: the bodies go back to the pool at once. */
    private void finishUnwritten() {
        finish();
        freePooled();
    }

    private void decideStatus() {
        if (finished) {
            return;
        }
        SlotFetch failedRequired = null;
        SlotFetch primary = null;
        for (SlotFetch slot : slots.values()) {
            if (slot.gatesStatus() && slot.source == Source.ERROR) {
                failedRequired = slot;
            }
            if (slot.fragment != null && slot.fragment.primary()) {
                primary = slot;
            }
        }
        if (failedRequired != null) {
            int status = failedRequired.status == 0 ? 504 : 502;
            composer.sendError(response, status, "A part of this page is not available right now.", serverTiming(), context);
            finishUnwritten();
        } else if (primary != null && isRedirect(primary.status)) {
            response.setStatusCode(primary.status)
                    .putHeader("Location", composer.safeLocation(primary))
                    .putHeader("Server-Timing", serverTiming())
                    .end();
            finishUnwritten();
        } else {
            commit(primary != null && primary.status == 404 ? 404 : 200);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private void commit(int status) {
        if (finished) {
            return;
        }
        committed = true;
        response.setStatusCode(status).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_HTML_UTF8)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .putHeader(REQUEST_ID, context.headers().getOrDefault(ContextHeaders.REQUEST_ID, ""))
                .putHeader(TRAILER, SERVER_TIMING);
        String settledTiming = serverTiming();
        if (!settledTiming.isEmpty()) {
            response.putHeader(SERVER_TIMING, settledTiming);
        }
        advance();
    }

    /**
     * Writes as much of the layout as the settled slots allow, as one buffer: one write (and one syscall) per step
     * of the page rather than one per part.
     */
    private void advance() {
        if (!committed || finished) {
            return;
        }
        List<Layout.Part> parts = layout.parts();
        while (next < parts.size()) {
            Layout.Part part = parts.get(next);
            if (part instanceof Layout.Text text) {
                ready.add(text.bytes());
            } else if (part instanceof Layout.Csrf) {
                if (csrfToken != null) {
                    ready.add("<meta name=\"orrery-csrf\" content=\"" + csrfToken + "\">");
                }
            } else if (part instanceof Layout.Slot s) {
                SlotFetch slot = slots.get(s.name());
                if (!slot.settled) {
                    flushLater();
                    return;
                }
                appendSlot(slot, s);
            } else {
                appendLateOnes();
                if (hasPendingLateOne()) {
                    flushLater();
                    return;
                }
            }
            next++;
        }
        finish();
        endTiming = serverTiming();
        queueFlush();
    }

    /**
     * Writes the queued bytes at the end of this event-loop turn: fragments that answer in the same turn (the usual
     * case for fast ones) leave in one write, one syscall, instead of one each.
     */
    private void flushLater() {
        if (!ready.isEmpty()) {
            queueFlush();
        }
    }

    private void queueFlush() {
        if (!flushQueued) {
            flushQueued = true;
            loop.runOnContext(v -> flush());
        }
    }

    private void flush() {
        flushQueued = false;
        boolean nothing = ready.isEmpty();
        Buffer out = ready.take();
        if (response.closed()) {
            freePooled();
            return;
        }
        if (endTiming != null) {
            response.trailers().add(SERVER_TIMING, endTiming);
            // writes complete in order: when the last one is done, every body has left
            response.end(out).onComplete(done -> freePooled());
        } else if (!nothing) {
            response.write(out);
        }
    }

    private void freePooled() {
        pooledFree = true;
        pooledAnswers.forEach(FragmentResponse::release);
        pooledAnswers.clear();
    }

    private boolean hasPendingLateOne() {
        for (SlotFetch slot : slots.values()) {
            if (slot.late && !slot.lateDone) {
                return true;
            }
        }
        return false;
    }

    private void appendSlot(SlotFetch slot, Layout.Slot part) {
        ready.add(slot.late ? part.openPending() : part.open())
                .add(composer.protectForms(slot.html, csrfToken)).add(END_SLOT);
    }

    private void appendLateOnes() {
        for (SlotFetch slot : lateToWrite) {
            ready.add("<template data-orrery-late=\"" + slot.slot + "\">")
                    .add(composer.protectForms(slot.lateHtml, csrfToken)).add(END_LATE);
        }
        lateToWrite.clear();
    }

    private String serverTiming() {
        StringBuilder timing = new StringBuilder(64 * slots.size());
        for (SlotFetch slot : slots.values()) {
            if (slot.settled) {
                (timing.isEmpty() ? timing : timing.append(", ")).append(slot.serverTiming());
            }
        }
        return timing.toString();
    }
}
