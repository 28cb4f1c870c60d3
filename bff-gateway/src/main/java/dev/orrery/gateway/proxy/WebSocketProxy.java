package dev.orrery.gateway.proxy;

import org.jboss.logging.Logger;

import dev.orrery.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Proxies a declared WebSocket route: connects upstream first (with the token and context headers, never the
 * browser's cookies), then accepts the browser's upgrade and passes frames both ways as they are ({@link FramePipe}:
 * fragments kept, nothing re-encoded, a side that cannot take more pauses the other); a close on either side closes
 * the other with the same code and reason.
 */
@ApplicationScoped
public class WebSocketProxy {

    private static final Logger LOG = Logger.getLogger(WebSocketProxy.class);

    private final Vertx vertx;
    private final HttpClient client;
    private final GatewayConfig config;

    WebSocketProxy(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true));
    }

    void open(RoutingContext ctx, ProxyRoute route, MultiMap contextHeaders) {
        var visitor = dev.orrery.gateway.auth.Visitor.of(ctx).orElseThrow();
        ctx.request().pause();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(route.upstream(ctx.request().uri()).replaceFirst("^http", "ws"))
                .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(contextHeaders)
                        .add("Authorization", "Bearer " + visitor.accessToken()))
                .setTimeout(10_000);
        client.webSocket(options).onComplete(connected -> {
            ctx.request().resume();
            if (connected.failed()) {
                ctx.response().setStatusCode(502).end();
                return;
            }
            WebSocket upstream = connected.result();
            // Hold the front-end's first frames (e.g. todo's catch-up and 'ready') until the browser side is piped.
            upstream.pause();
            ctx.request().toWebSocket()
                    .onSuccess(browser -> FramePipe.connect(vertx, browser, upstream, config.proxy().webSocketStallLimit()))
                    .onFailure(e -> {
                        LOG.debugf("browser upgrade for %s failed: %s", route.frontend(), e.getMessage());
                        upstream.close();
                    });
        });
    }
}
