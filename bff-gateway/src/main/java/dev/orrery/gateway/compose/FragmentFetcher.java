package dev.orrery.gateway.compose;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orrery.contracts.fragment.ContextHeaders;
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
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches one fragment over a keep-alive pool with the user's token and the allow-listed context headers. Core
 * Vert.x HttpClient rather than WebClient: a page makes several of these, and WebClient's interceptor pipeline was a
 * visible share of the gateway's CPU per page (bench/compose). The future always succeeds: failures become a
 * {@link FragmentResponse} with status 0 and the reason.
 */
@ApplicationScoped
public class FragmentFetcher {

    private static final CharSequence TEXT_HTML = HttpHeaders.createOptimized("text/html");
    private static final CharSequence AGENT = HttpHeaders.createOptimized("orrery-gateway");
    /** The context header names encoded once (see {@link HttpHeaders#createOptimized}). */
    private static final Map<String, CharSequence> CONTEXT_NAMES = ContextHeaders.FORWARDED.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), HttpHeaders::createOptimized));

    private final GatewayConfig config;
    /**
     * One client (and pool) per event loop: a pooled connection belongs to the loop that opened it, and a page's
     * request served on another loop would pay a thread hop for every answer.
     */
    private final ThreadLocal<HttpClient> clients;

    FragmentFetcher(GatewayConfig config, Vertx vertx) {
        this.config = config;
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64).setTcpNoDelay(true);
        this.clients = ThreadLocal.withInitial(() -> vertx.createHttpClient(options));
    }

    /** The headers of every fragment request of one page: built once per page, shared by its fragment requests. */
    public MultiMap headers(RequestContext context) {
        MultiMap headers = HttpHeaders.headers()
                .add(HttpHeaders.ACCEPT, TEXT_HTML)
                .add(HttpHeaders.USER_AGENT, AGENT);
        if (context.accessToken() != null) {
            headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + context.accessToken());
        }
        context.headers().forEach((name, value) -> headers.add(CONTEXT_NAMES.getOrDefault(name, name), value));
        return headers;
    }

    public Future<FragmentResponse> fetch(URI base, FragmentManifest.Fragment fragment, MultiMap headers,
            long timeoutMs) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHeaders(headers)
                .setTimeout(timeoutMs).setFollowRedirects(false);
        if (fragment.path().startsWith("/")) {
            boolean tls = "https".equalsIgnoreCase(base.getScheme());
            options.setHost(base.getHost()).setPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80).setSsl(tls)
                    .setURI(fragment.path());
        } else {
            options.setAbsoluteURI(base.resolve(fragment.path()).toString());
        }
        int max = config.compose().maxFragmentBytes();
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
