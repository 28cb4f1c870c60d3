package dev.orrery.gateway.compose;

import java.net.URI;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
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

    private final GatewayConfig config;
    private final HttpClient client;

    FragmentFetcher(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(64)
                .setTcpNoDelay(true));
    }

    public Future<FragmentResponse> fetch(URI base, FragmentManifest.Fragment fragment, RequestContext context,
            long timeoutMs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.ACCEPT, "text/html")
                .add(HttpHeaders.USER_AGENT, "orrery-gateway");
        if (context.accessToken() != null) {
            headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + context.accessToken());
        }
        context.headers().forEach(headers::add);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(base.resolve(fragment.path()).toString())
                .setHeaders(headers).setTimeout(timeoutMs).setFollowRedirects(false);
        int max = config.compose().maxFragmentBytes();
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> {
                    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && length.length() < 12 && Long.parseLong(length.trim()) > max) {
                        response.request().reset();
                        return Future.succeededFuture(FragmentResponse.failed("body larger than " + max + " bytes"));
                    }
                    return response.body().map(body -> body.length() > max
                            ? FragmentResponse.failed("body larger than " + max + " bytes")
                            : new FragmentResponse(response.statusCode(), body,
                                    response.getHeader(HttpHeaders.LOCATION), null));
                })
                .otherwise(e -> FragmentResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
}
