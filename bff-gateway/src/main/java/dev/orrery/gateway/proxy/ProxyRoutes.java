package dev.orrery.gateway.proxy;

import java.util.Optional;
import java.util.OptionalLong;

import org.jboss.logging.Logger;

import dev.orrery.contracts.error.ApiError;
import dev.orrery.gateway.compose.ContextHeaderValues;
import dev.orrery.gateway.auth.CsrfCheck;
import dev.orrery.gateway.auth.ScriptRequests;
import dev.orrery.gateway.auth.Visitor;
import dev.orrery.gateway.config.GatewayConfig;
import dev.orrery.gateway.profile.StyleGuides;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The allow-listed proxy: a request whose (already guarded) path a manifest declares goes to that front-end with the
 * user's token and the context headers; everything else falls through to the gateway's own routes and ends in 404.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    private final ProxyAllowList allowList;
    private final CsrfCheck csrf;
    private final StyleGuides styleGuides;
    private final WebSocketProxy webSockets;
    private final GatewayConfig config;
    private final WriteRateLimit writeRate;
    private final HttpClient client;

    ProxyRoutes(ProxyAllowList allowList, CsrfCheck csrf, StyleGuides styleGuides, WebSocketProxy webSockets,
            GatewayConfig config, WriteRateLimit writeRate, Vertx vertx) {
        this.config = config;
        this.writeRate = writeRate;
        this.allowList = allowList;
        this.csrf = csrf;
        this.styleGuides = styleGuides;
        this.webSockets = webSockets;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)
                .setTcpNoDelay(true));
    }

    void register(@Observes Router router) {
        router.route().handler(this::route);
    }

    private void route(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        boolean upgrade = ScriptRequests.isUpgrade(request);
        Optional<ProxyRoute> route = allowList.match(request.path(), upgrade);
        if (route.isEmpty()) {
            ctx.next();
            return;
        }
        Optional<Visitor> visitor = Visitor.of(ctx);
        if (visitor.isEmpty()) {
            refuse(ctx, 401, "log in first");
        } else if (upgrade) {
            if (!csrf.isSameOrigin(request)) {
                refuse(ctx, 403, "WebSocket from another origin");
            } else {
                webSockets.open(ctx, route.get(), contextHeaders(visitor.get(), request));
            }
        } else if (!csrf.isSameOriginOrAbsent(request)) {
            refuse(ctx, 403, "request from another origin");
        } else if (csrf.needsToken(request)) {
            OptionalLong wait = writeRate.secondsToWait(visitor.get().userId());
            if (wait.isPresent()) {
                ctx.response().putHeader("Retry-After", String.valueOf(wait.getAsLong()));
                refuse(ctx, 429, "too many changes at once: try again in " + wait.getAsLong() + " s");
            } else {
                forwardStateChanging(ctx, route.get(), visitor.get());
            }
        } else {
            forward(ctx, route.get(), visitor.get(), null);
        }
    }

    private void forwardStateChanging(RoutingContext ctx, ProxyRoute route, Visitor visitor) {
        HttpServerRequest request = ctx.request();
        int max = config.proxy().maxBodyBytes();
        String length = request.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 10
                && Long.parseLong(length) > max) {
            refuse(ctx, 413, "body larger than " + max + " bytes");
            return;
        }
        // Quarkus pauses the request while it authenticates; the body is read only now, and never past the limit.
        BoundedBody.read(request, max).onSuccess(body -> {
            boolean validToken;
            try {
                validToken = csrf.hasValidToken(request, visitor, body);
            } catch (CsrfCheck.MalformedForm e) {
                refuse(ctx, 400, e.getMessage());
                return;
            }
            if (!validToken) {
                refuse(ctx, 403, "missing or wrong CSRF token (header X-Orrery-CSRF or form field _csrf)");
            } else {
                forward(ctx, route, visitor, body);
            }
        }).onFailure(e -> {
            if (e instanceof BoundedBody.TooLarge) {
                refuse(ctx, 413, e.getMessage());
            } else {
                refuse(ctx, 400, "unreadable body");
            }
        });
    }

    private void forward(RoutingContext ctx, ProxyRoute route, Visitor visitor, Buffer body) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyRequest(request.headers(), headers);
        contextHeaders(visitor, request).forEach(headers::add);
        headers.add("Authorization", "Bearer " + visitor.accessToken());
        RequestOptions options = new RequestOptions().setMethod(request.method())
                .setAbsoluteURI(route.upstream(request.uri())).setHeaders(headers).setTimeout(30_000)
                .setFollowRedirects(false);
        client.request(options)
                .compose(upstream -> body == null ? upstream.send() : upstream.send(body))
                .onSuccess(upstream -> {
                    var response = ctx.response().setStatusCode(upstream.statusCode());
                    ProxyHeaders.copyResponse(upstream.headers(), response.headers());
                    response.setChunked(true);
                    upstream.pipeTo(response);
                })
                .onFailure(e -> {
                    LOG.debugf("proxy to %s failed: %s", route.frontend(), e.getMessage());
                    if (!ctx.response().headWritten()) {
                        refuse(ctx, 502, route.frontend() + " did not answer");
                    }
                });
    }

    private MultiMap contextHeaders(Visitor visitor, HttpServerRequest request) {
        return MultiMap.caseInsensitiveMultiMap().addAll(ContextHeaderValues.of(visitor.userId(),
                styleGuides.of(visitor.userId()), request.getHeader("Accept-Language")));
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.encode(ApiError.of(status, message)));
    }
}
