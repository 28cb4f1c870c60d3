package dev.orrery.gateway.compose;

import dev.orrery.contracts.error.ApiError;
import dev.orrery.gateway.auth.ScriptRequests;
import dev.orrery.gateway.auth.Visitor;
import dev.orrery.gateway.profile.StyleGuides;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * What a path nothing serves gets instead of the framework's bare "Resource not found": the site's own 404 page in the
 * visitor's style guide, or an {@link ApiError} for a script ({@link ScriptRequests}).
 */
@Singleton
public class NotFound {

    private final PageLayouts layouts;
    private final StyleGuides styleGuides;

    NotFound(PageLayouts layouts, StyleGuides styleGuides) {
        this.layouts = layouts;
        this.styleGuides = styleGuides;
    }

    void register(@Observes Router router) {
        router.errorHandler(404, this::answer);
    }

    private void answer(RoutingContext ctx) {
        var response = ctx.response();
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        response.setStatusCode(404).putHeader("Cache-Control", "no-store");
        if (ScriptRequests.isScript(ctx.request())) {
            response.putHeader("Content-Type", "application/json").end(Json.encode(ApiError.of(404, "nothing here")));
            return;
        }
        String styleGuide = Visitor.of(ctx).map(v -> styleGuides.of(v.userId())).orElse(StyleGuides.DEFAULT);
        response.putHeader("Content-Type", "text/html; charset=utf-8")
                .end(layouts.notFoundPage(styleGuide, ctx.request().path()));
    }
}
