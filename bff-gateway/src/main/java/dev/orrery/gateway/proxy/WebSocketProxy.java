package dev.orrery.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Proxies a declared WebSocket route: connects upstream first (with the token and context headers, never the
 * browser's cookies), then accepts the browser's upgrade and pipes messages both ways; a close on either side closes
 * the other with the same code and reason.
 */
@ApplicationScoped
public class WebSocketProxy {

    private final HttpClient client;

    WebSocketProxy(Vertx vertx) {
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
            ctx.request().toWebSocket().onSuccess(browser -> pipe(browser, upstream))
                    .onFailure(e -> upstream.close());
        });
    }

    private static void pipe(ServerWebSocket browser, WebSocket upstream) {
        browser.textMessageHandler(upstream::writeTextMessage);
        browser.binaryMessageHandler(upstream::writeBinaryMessage);
        upstream.textMessageHandler(browser::writeTextMessage);
        upstream.binaryMessageHandler(browser::writeBinaryMessage);
        browser.closeHandler(v -> {
            if (!upstream.isClosed()) {
                upstream.close(codeOr1000(browser.closeStatusCode()), browser.closeReason());
            }
        });
        upstream.closeHandler(v -> {
            if (!browser.isClosed()) {
                browser.close(codeOr1000(upstream.closeStatusCode()), upstream.closeReason());
            }
        });
        upstream.resume();
    }

    /** 1005/1006 mean "no code" and may not be sent in a close frame. */
    private static short codeOr1000(Short code) {
        return code == null || code == 1005 || code == 1006 ? 1000 : code;
    }
}
