package dev.orrery.gateway.compose;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.orrery.contracts.fragment.ContextHeaders;
import dev.orrery.gateway.auth.CsrfTokens;
import dev.orrery.gateway.auth.Visitor;
import dev.orrery.gateway.config.GatewayConfig;
import dev.orrery.gateway.profile.StyleGuides;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The composed pages as plain Vert.x routes (not JAX-RS), so the page can be written chunk by chunk with the status
 * line decided late. The OIDC session is checked before these handlers run.
 */
@ApplicationScoped
public class PageRoutes {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,3}");

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
            router.get(page.path()).handler(ctx -> serve(page, ctx));
        }
    }

    private void serve(Page page, RoutingContext ctx) {
        Optional<Visitor> visitor = Visitor.of(ctx);
        if (visitor.isEmpty() && !config.anonymousPages()) {
            ctx.fail(401);
            return;
        }
        String userId = visitor.map(Visitor::userId).orElse(null);
        String styleGuide = userId == null ? StyleGuides.DEFAULT : styleGuides.of(userId);
        Map<String, String> headers = new java.util.HashMap<>();
        if (userId != null) {
            headers.put(ContextHeaders.USER_ID, userId);
        }
        headers.put(ContextHeaders.STYLE_GUIDE, styleGuide);
        headers.put(ContextHeaders.LOCALE, locale(ctx.request().getHeader("Accept-Language")));
        headers.put(ContextHeaders.REQUEST_ID, UUID.randomUUID().toString());
        RequestContext context = new RequestContext(userId, visitor.map(Visitor::accessToken).orElse(null),
                styleGuide, headers);
        String token = visitor.map(v -> csrf.tokenFor(v.userId(), v.sessionId())).orElse(null);
        composer.compose(page, ctx.response(), context, token);
    }

    /** The first tag of Accept-Language when it is a well-formed language tag, else {@code en}. */
    static String locale(String acceptLanguage) {
        if (acceptLanguage == null) {
            return "en";
        }
        String first = acceptLanguage.split(",", 2)[0].split(";", 2)[0].trim();
        return LANGUAGE_TAG.matcher(first).matches() ? first : "en";
    }
}
