package dev.orrery.gateway.compose;

import java.net.URI;
import java.util.Optional;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.auth.CsrfTokens;
import dev.orrery.gateway.config.GatewayConfig;
import dev.orrery.gateway.manifest.ManifestRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Singleton;

/**
 * Starts a {@link PageStream} per request and gives it what it needs: manifests, fetching, copies, error pages.
 * This and the other beans a page calls are {@code @Singleton}: an application-scoped bean's client proxy looks the
 * instance up on every call, which a page makes dozens of (bench/compose JFR: 4 % of the samples).
 */
@Singleton
public class PageComposer {

    private static final ByteProcessor FIND_LT = new ByteProcessor.IndexOfProcessor((byte) '<');
    private static final String UNAVAILABLE = "<p class=\"orrery-unavailable\">This part is not available right now.</p>";

    private final GatewayConfig config;
    private final ManifestRegistry registry;
    private final FragmentFetcher fetcher;
    private final LastGoodCopies copies;
    private final FreshCopies freshCopies;
    private final PageLayouts layouts;
    private final CsrfTokens csrf;

    PageComposer(GatewayConfig config, ManifestRegistry registry, FragmentFetcher fetcher, LastGoodCopies copies,
            FreshCopies freshCopies, PageLayouts layouts, CsrfTokens csrf) {
        this.freshCopies = freshCopies;
        this.config = config;
        this.registry = registry;
        this.fetcher = fetcher;
        this.copies = copies;
        this.layouts = layouts;
        this.csrf = csrf;
    }

    public void compose(Page page, HttpServerRequest request, RequestContext context, String csrfToken) {
        new PageStream(this, request.response(), layouts.layout(page, context.styleGuide()), context, csrfToken,
                page.path(), request.version() != HttpVersion.HTTP_1_0).start();
    }

    /** The fragment a slot ({@code frontend:id}) names in its front-end's current manifest, or null. */
    FragmentManifest.Fragment fragment(String slot) {
        int colon = slot.indexOf(':');
        Optional<FragmentManifest> manifest = registry.manifest(slot.substring(0, colon));
        if (manifest.isPresent()) {
            for (FragmentManifest.Fragment fragment : manifest.get().fragments()) {
                if (slot.regionMatches(colon + 1, fragment.id(), 0, fragment.id().length())
                        && slot.length() - colon - 1 == fragment.id().length()) {
                    return fragment;
                }
            }
        }
        return null;
    }

    FragmentRequestHeaders fragmentHeaders(RequestContext context) {
        return fetcher.headers(context);
    }

    Future<FragmentResponse> fetch(String slot, FragmentManifest.Fragment fragment, FragmentRequestHeaders headers,
            long timeoutMs) {
        return fetcher.fetch(base(slot), fragment, headers, timeoutMs);
    }

    private URI base(String slot) {
        return config.frontends().get(slot.substring(0, slot.indexOf(':'))).url();
    }

    void keepGoodCopy(RequestContext context, SlotFetch slot, FragmentResponse answer) {
        if (slot.fragment.cacheable()) {
            freshCopies.keep(context.userId(), slot.slot, slot.fragment.path(), answer);
            if (context.userId() != null) {
                copies.keep(context.userId(), slot.slot, answer.body().toString());
            }
        }
    }

    /** A copy still fresh by its Cache-Control, for a fragment the manifest marks cacheable. */
    Optional<Buffer> freshCopy(RequestContext context, SlotFetch slot) {
        return slot.fragment.cacheable() ? freshCopies.copy(context.userId(), slot.slot, slot.fragment.path())
                : Optional.empty();
    }

    Optional<String> lastGoodCopy(RequestContext context, String slot) {
        return context.userId() == null ? Optional.empty() : copies.copy(context.userId(), slot);
    }

    String unavailableHtml() {
        return UNAVAILABLE;
    }

    /** What a slot shows while its fragment is late: readable without JavaScript. */
    String pendingHtml(String pagePath) {
        return "<p class=\"orrery-pending\">This part is still loading. <a href=\"" + pagePath
                + "\">Reload the page</a> to see it.</p>";
    }

    long lateLimitMs() {
        return config.compose().lateLimit().toMillis();
    }

    String preloadLinks() {
        return layouts.preloadLinks();
    }

    /**
     * Decodes the fragment only when there is a token to add and its bytes hold a form tag (the same two spellings
     * {@link CsrfTokens#protectForms} looks for); otherwise the bytes go out as they came. Decoding and re-encoding
     * every fragment of a logged-in page was visible in bench/compose's signed-in profile.
     */
    Buffer protectForms(Buffer html, String token) {
        if (token == null || !holdsFormTag(html.getByteBuf())) {
            return html;
        }
        return Buffer.buffer(csrf.protectForms(html.toString(), token));
    }

    /** {@code <form} or {@code <FORM}; one pass over the bytes component by component (no per-byte lookups). */
    static boolean holdsFormTag(ByteBuf html) {
        int end = html.writerIndex();
        int at = html.readerIndex();
        while (at < end) {
            int lt = html.forEachByte(at, end - at, FIND_LT);
            if (lt < 0 || lt + 5 > end) {
                return false;
            }
            if (isForm(html, lt + 1, 'f') || isForm(html, lt + 1, 'F')) {
                return true;
            }
            at = lt + 1;
        }
        return false;
    }

    private static boolean isForm(ByteBuf html, int at, char f) {
        int delta = f - 'f';
        return html.getByte(at) == f && html.getByte(at + 1) == 'o' + delta && html.getByte(at + 2) == 'r' + delta
                && html.getByte(at + 3) == 'm' + delta;
    }

    public void sendError(HttpServerResponse response, int status, String message, String serverTiming,
            RequestContext context) {
        if (serverTiming != null && !serverTiming.isEmpty()) {
            response.putHeader("Server-Timing", serverTiming);
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .end(layouts.errorPage(context == null ? null : context.styleGuide(), status, message));
    }

    /**
     * A primary fragment's redirect, kept on this site: a path stays as it is, an absolute URL on the front-end's own
     * origin becomes its path; anything else (another host, scheme-relative) goes to the start page.
     */
    String safeLocation(SlotFetch slot) {
        String location = slot.location;
        if (location == null || location.isBlank()) {
            return "/";
        }
        try {
            URI target = URI.create(location.trim());
            URI base = base(slot.slot);
            boolean sameOrigin = target.isAbsolute() && base.getScheme().equalsIgnoreCase(target.getScheme())
                    && base.getAuthority().equalsIgnoreCase(target.getRawAuthority());
            boolean path = !target.isAbsolute() && target.getRawAuthority() == null && location.startsWith("/")
                    && !location.startsWith("//") && !location.contains("\\");
            if (sameOrigin || path) {
                String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
                return (target.getRawPath().isEmpty() ? "/" : target.getRawPath()) + query;
            }
        } catch (IllegalArgumentException e) {
            // not a URI: fall through to the start page
        }
        return "/";
    }
}
