package dev.orrery.gateway.compose;

import java.util.Map;
import java.util.Optional;

import dev.orrery.gateway.auth.CsrfTokens;
import dev.orrery.gateway.auth.Visitor;
import dev.orrery.gateway.config.GatewayConfig;
import dev.orrery.gateway.profile.StyleGuides;
import dev.orrery.gateway.proxy.RequestTargetGuard;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

/**
 * The composed pages as plain Vert.x routes (not JAX-RS), so the page can be written chunk by chunk with the status
 * line decided late. The OIDC session is checked before these handlers run, except for the anonymous-only bench page.
 */
@Singleton
public class PageRoutes {

    private final PageComposer composer;
    private final StyleGuides styleGuides;
    private final CsrfTokens csrf;
    private final GatewayConfig config;

    PageRoutes(PageComposer composer, StyleGuides styleGuides, CsrfTokens csrf, GatewayConfig config) {
        this.composer = composer;
        this.styleGuides = styleGuides;
        this.csrf = csrf;
        this.config = config;
    }

    void register(@Observes Router router) {
        for (Page page : Page.values()) {
            if (page.benchOnly() && !config.anonymousPages()) {
                continue;
            }
            if (page == Page.BENCH) {
                // Anonymous by definition: served right after the target guard, before the OIDC/permission chain
                router.get(page.path()).order(RequestTargetGuard.ORDER + 1).handler(ctx -> serve(page, ctx));
            } else {
                router.get(page.path()).handler(ctx -> serve(page, ctx));
            }
        }
    }

    private void serve(Page page, RoutingContext ctx) {
        Optional<Visitor> visitor = Visitor.of(ctx);
        if (visitor.isEmpty() && (!config.anonymousPages() || page == Page.BENCH_SIGNED_IN)) {
            ctx.fail(401);
            return;
        }
        if (visitor.isEmpty()) {
            compose(page, ctx, null, StyleGuides.DEFAULT);
            return;
        }
        String known = styleGuides.known(visitor.get().userId());
        if (known != null) {
            compose(page, ctx, visitor.get(), known);
            return;
        }
        // No copy of this user's guide on this instance yet: look it up, then compose on this request's event loop
        Context context = Vertx.currentContext();
        styleGuides.lookUp(visitor.get().userId(), visitor.get().accessToken())
                .thenAccept(guide -> context.runOnContext(v -> compose(page, ctx, visitor.get(), guide)));
    }

    private void compose(Page page, RoutingContext ctx, Visitor visitor, String styleGuide) {
        String userId = visitor == null ? null : visitor.userId();
        Map<String, String> headers = ContextHeaderValues.of(userId, styleGuide,
                ctx.request().getHeader("Accept-Language"));
        RequestContext context = new RequestContext(userId, visitor == null ? null : visitor.accessToken(),
                styleGuide, headers);
        String token = visitor == null ? null : csrf.tokenFor(visitor.userId(), visitor.sessionId());
        composer.compose(page, ctx.request(), context, token);
    }
}
