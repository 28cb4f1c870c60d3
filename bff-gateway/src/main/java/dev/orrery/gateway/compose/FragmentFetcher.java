package dev.orrery.gateway.compose;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.future.PromiseInternal;
import jakarta.inject.Singleton;

/**
 * Fetches one fragment with the user's token and the allow-listed context headers. Plain HTTP to a front-end's own
 * paths (every fragment of the platform) goes over {@link FragmentPool}s: kept-alive Netty channels of the page's
 * own event loop, the request written as bytes, the answer decoded by Netty's HTTP decoder and nothing else. The
 * Vert.x HttpClient it replaced for those (request/response objects, its pool, several futures per fragment) was
 * about half of the gateway's CPU per page in bench/compose's profile. A TLS base URL or an absolute fragment URL,
 * which the platform does not use itself, still goes through a Vert.x HttpClient. The future always succeeds:
 * failures become a {@link FragmentResponse} with status 0 and the reason.
 */
@Singleton
public class FragmentFetcher {

    private static final String TEXT_HTML = "text/html";
    private static final String AGENT = "orrery-gateway";
    private static final int MAX_CONNECTIONS = 64;

    private final GatewayConfig config;
    private final VertxInternal vertx;
    /** Per event loop (pools are not shared across threads): front-end base URL → its pool. */
    private final ThreadLocal<Map<URI, FragmentPool>> pools = ThreadLocal.withInitial(HashMap::new);
    /** For TLS and absolute URLs only; one per event loop for the same reason. */
    private final ThreadLocal<HttpClient> clients;

    FragmentFetcher(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = (VertxInternal) vertx;
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(MAX_CONNECTIONS)
                .setTcpNoDelay(true);
        this.clients = ThreadLocal.withInitial(() -> vertx.createHttpClient(options));
    }

    /** The headers of every fragment request of one page: built once per page, shared by its fragment requests. */
    FragmentRequestHeaders headers(RequestContext context) {
        FragmentRequestHeaders headers = new FragmentRequestHeaders()
                .add("Accept", TEXT_HTML)
                .add("User-Agent", AGENT);
        if (context.accessToken() != null) {
            headers.add("Authorization", "Bearer " + context.accessToken());
        }
        context.headers().forEach(headers::add);
        return headers;
    }

    public Future<FragmentResponse> fetch(URI base, FragmentManifest.Fragment fragment, FragmentRequestHeaders headers,
            long timeoutMs) {
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        int max = config.compose().maxFragmentBytes();
        if (context == null || !context.isEventLoopContext() || !"http".equalsIgnoreCase(base.getScheme())
                || !fragment.path().startsWith("/")) {
            return fetchWithHttpClient(base, fragment, headers.asMultiMap(), timeoutMs, max);
        }
        PromiseInternal<FragmentResponse> answer = context.promise();
        FragmentExchange exchange = new FragmentExchange(fragment.path(), headers, max, timeoutMs, answer);
        FragmentPool pool = pools.get().computeIfAbsent(base, url -> new FragmentPool(vertx, context.nettyEventLoop(),
                url.getHost(), url.getPort() > 0 ? url.getPort() : 80, MAX_CONNECTIONS, (int) Math.min(timeoutMs, 10_000)));
        pool.start(exchange);
        return answer.future();
    }

    private Future<FragmentResponse> fetchWithHttpClient(URI base, FragmentManifest.Fragment fragment, MultiMap headers,
            long timeoutMs, int max) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHeaders(headers)
                .setTimeout(timeoutMs).setFollowRedirects(false);
        if (fragment.path().startsWith("/")) {
            boolean tls = "https".equalsIgnoreCase(base.getScheme());
            options.setHost(base.getHost()).setPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80).setSsl(tls)
                    .setURI(fragment.path());
        } else {
            options.setAbsoluteURI(base.resolve(fragment.path()).toString());
        }
        return clients.get().request(options)
                .compose(request -> request.send())
                .compose(response -> {
                    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && length.length() < 12 && Long.parseLong(length.trim()) > max) {
                        response.request().reset();
                        return Future.succeededFuture(FragmentResponse.failed("body larger than " + max + " bytes"));
                    }
                    return body(response, max).map(body -> body == null
                            ? FragmentResponse.failed("body larger than " + max + " bytes")
                            : new FragmentResponse(response.statusCode(), body,
                                    response.getHeader(HttpHeaders.LOCATION),
                                    response.getHeader(HttpHeaders.CACHE_CONTROL), null));
                })
                .otherwise(e -> FragmentResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    /**
     * The body's chunks kept as they arrived (each one already a copy of its own), not appended into one growing
     * buffer as {@code response.body()} does; null, and the stream reset, once it passes {@code max} bytes.
     */
    private static Future<Buffer> body(HttpClientResponse response, int max) {
        Promise<Buffer> done = Promise.promise();
        PageBytes chunks = new PageBytes();
        int[] length = {0};
        response.handler(chunk -> {
            length[0] += chunk.length();
            if (length[0] > max) {
                response.request().reset();
                done.tryComplete(null);
            } else {
                chunks.add(chunk);
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(v -> done.tryComplete(chunks.take()));
        return done.future();
    }
}
