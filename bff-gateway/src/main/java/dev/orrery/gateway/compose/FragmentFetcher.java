package dev.orrery.gateway.compose;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.future.PromiseInternal;
import jakarta.inject.Singleton;

/**
 * Fetches one fragment with the user's token and the allow-listed context headers, over {@link FragmentPool}s:
 * kept-alive Netty channels of the page's own event loop, the request written as bytes, the answer decoded by
 * Netty's HTTP decoder and nothing else. The Vert.x HttpClient it replaced (request/response objects, its pool,
 * several futures per fragment) was about half of the gateway's CPU per page in bench/compose's profile. Front-ends
 * are reached over plain HTTP (TLS inside the cluster is a service mesh's job): any other URL stops the start. The
 * future always succeeds: failures become a {@link FragmentResponse} with status 0 and the reason.
 */
@Startup // a front-end URL this client cannot reach stops the start, not the first page
@Singleton
public class FragmentFetcher {

    private static final int MAX_CONNECTIONS = 64;

    private final GatewayConfig config;
    private final VertxInternal vertx;
    /** Per event loop (pools are not shared across threads): front-end base URL → its pool. */
    private final ThreadLocal<Map<URI, FragmentPool>> pools = ThreadLocal.withInitial(HashMap::new);

    FragmentFetcher(GatewayConfig config, Vertx vertx) {
        requirePlainHttp(config.frontends());
        this.config = config;
        this.vertx = (VertxInternal) vertx;
    }

    static void requirePlainHttp(Map<String, GatewayConfig.Frontend> frontends) {
        frontends.forEach((name, frontend) -> {
            URI url = frontend.url();
            if (!"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalStateException("gateway.frontends." + name + ".url must be an http:// URL with a "
                        + "host (front-ends are reached over plain HTTP inside the platform's network): " + url);
            }
        });
    }

    /** The headers of every fragment request of one page: built once per page, shared by its fragment requests. */
    FragmentRequestHeaders headers(RequestContext context) {
        FragmentRequestHeaders headers = new FragmentRequestHeaders()
                .add("Accept", "text/html")
                .add("User-Agent", "orrery-gateway");
        if (context.accessToken() != null) {
            headers.add("Authorization", "Bearer " + context.accessToken());
        }
        context.headers().forEach(headers::add);
        return headers;
    }

    /** On the page's event loop; {@code fragment.path()} is an absolute path (the manifest validator says so). */
    public Future<FragmentResponse> fetch(URI base, FragmentManifest.Fragment fragment, FragmentRequestHeaders headers,
            long timeoutMs) {
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        PromiseInternal<FragmentResponse> answer = context.promise();
        FragmentExchange exchange = new FragmentExchange(fragment.path(), headers,
                config.compose().maxFragmentBytes(), timeoutMs, answer);
        FragmentPool pool = pools.get().computeIfAbsent(base, url -> new FragmentPool(vertx, context.nettyEventLoop(),
                url.getHost(), url.getPort() > 0 ? url.getPort() : 80, MAX_CONNECTIONS, (int) Math.min(timeoutMs, 10_000)));
        pool.start(exchange);
        return answer.future();
    }
}
