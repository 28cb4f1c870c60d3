package dev.orrery.gateway.compose;

import java.util.Optional;

import org.jboss.logging.Logger;

import dev.orrery.contracts.fragment.ContextHeaders;
import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.config.GatewayConfig;
import dev.orrery.gateway.manifest.ManifestRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/** Fetches one fragment slot ({@code frontend:id}) with the user's context; never throws, falls back instead. */
@ApplicationScoped
public class FragmentFetcher {

    private static final Logger LOG = Logger.getLogger(FragmentFetcher.class);

    private final GatewayConfig config;
    private final ManifestRegistry manifests;
    private final WebClient client;

    FragmentFetcher(GatewayConfig config, ManifestRegistry manifests, WebClient client) {
        this.config = config;
        this.manifests = manifests;
        this.client = client;
    }

    public Uni<FragmentResult> fetch(String slot, RequestContext context) {
        String[] parts = slot.split(":", 2);
        Optional<FragmentManifest.Fragment> fragment = manifests.manifest(parts[0])
                .flatMap(m -> m.fragments().stream().filter(f -> f.id().equals(parts[1])).findFirst());
        if (fragment.isEmpty()) {
            return Uni.createFrom().item(new FragmentResult(slot, "", 503, FragmentResult.Source.MISSING));
        }
        FragmentManifest.Fragment f = fragment.get();
        String url = config.frontends().get(parts[0]).url().resolve(f.path()).toString();
        HttpRequest<?> request = client.getAbs(url).timeout(f.timeoutMs())
                .putHeader("Authorization", "Bearer " + context.accessToken())
                .putHeader("Accept", "text/html");
        context.headers().forEach(request::putHeader);
        return request.send()
                .map(response -> response.statusCode() < 300
                        ? new FragmentResult(slot, bodyOf(response), response.statusCode(), FragmentResult.Source.FRESH)
                        : fallback(slot, f, response.statusCode()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "fragment %s failed", slot);
                    return fallback(slot, f, 504);
                });
    }

    private static String bodyOf(io.vertx.mutiny.ext.web.client.HttpResponse<?> response) {
        String body = response.bodyAsString();
        return body == null ? "" : body;
    }

    private static FragmentResult fallback(String slot, FragmentManifest.Fragment f, int status) {
        return new FragmentResult(slot, f.fallbackHtml() == null ? "" : f.fallbackHtml(), status,
                FragmentResult.Source.FALLBACK);
    }

    /** What the gateway passes to a front-end: the user's access token and the allow-listed context headers. */
    public record RequestContext(String accessToken, java.util.Map<String, String> headers) {
        public RequestContext {
            headers.keySet().forEach(name -> {
                if (!ContextHeaders.FORWARDED.contains(name)) {
                    throw new IllegalArgumentException("header not on the allow-list: " + name);
                }
            });
        }
    }
}
