package dev.orrery.gateway.compose;

import java.net.URI;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches one fragment over the shared keep-alive pool with the user's token and the allow-listed context headers.
 * The future always succeeds: failures become a {@link FragmentResponse} with status 0 and the reason.
 */
@ApplicationScoped
public class FragmentFetcher {

    private final GatewayConfig config;
    private final WebClient client;

    FragmentFetcher(GatewayConfig config, io.vertx.mutiny.ext.web.client.WebClient client) {
        this.config = config;
        this.client = client.getDelegate();
    }

    public Future<FragmentResponse> fetch(URI base, FragmentManifest.Fragment fragment, RequestContext context,
            long timeoutMs) {
        HttpRequest<Buffer> request = client.getAbs(base.resolve(fragment.path()).toString())
                .timeout(timeoutMs)
                .putHeader(HttpHeaders.ACCEPT.toString(), "text/html");
        if (context.accessToken() != null) {
            request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + context.accessToken());
        }
        context.headers().forEach(request::putHeader);
        int max = config.compose().maxFragmentBytes();
        return request.send()
                .map(response -> {
                    Buffer body = response.body();
                    if (body != null && body.length() > max) {
                        return FragmentResponse.failed("body larger than " + max + " bytes");
                    }
                    return new FragmentResponse(response.statusCode(), body == null ? Buffer.buffer() : body,
                            response.getHeader(HttpHeaders.LOCATION.toString()), null);
                })
                .otherwise(e -> FragmentResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
}
