package dev.orrery.gateway.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.contracts.fragment.ManifestValidator;
import dev.orrery.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The front-ends' manifests: fetched at start and refreshed periodically. An invalid or unreachable manifest is
 * logged with its reason and the last valid one stays in use.
 */
@ApplicationScoped
public class ManifestRegistry {

    private static final Logger LOG = Logger.getLogger(ManifestRegistry.class);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final GatewayConfig config;
    private final WebClient client;
    private final Vertx vertx;
    private final Map<String, FragmentManifest> manifests = new ConcurrentHashMap<>();

    ManifestRegistry(GatewayConfig config, WebClient client, Vertx vertx) {
        this.config = config;
        this.client = client;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        refreshAll();
        vertx.setPeriodic(REFRESH.toMillis(), id -> refreshAll());
    }

    public Optional<FragmentManifest> manifest(String frontend) {
        return Optional.ofNullable(manifests.get(frontend));
    }

    public Uni<Void> refreshAll() {
        List<Uni<Void>> refreshes = config.frontends().keySet().stream().map(this::refresh).toList();
        Uni<Void> all = Uni.join().all(refreshes).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithNull();
        all.subscribe().with(ignored -> {
        });
        return all;
    }

    private Uni<Void> refresh(String frontend) {
        var base = config.frontends().get(frontend).url();
        return client.getAbs(base.resolve(FragmentManifest.PATH).toString())
                .timeout(2_000)
                .send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("manifest answered " + response.statusCode());
                    }
                    return response.bodyAsJsonObject().mapTo(FragmentManifest.class);
                })
                .invoke(manifest -> accept(frontend, manifest))
                .onFailure().invoke(e -> LOG.warnf("manifest of %s not refreshed (%s); keeping the last valid one",
                        frontend, e.getMessage()))
                .replaceWithVoid();
    }

    void accept(String frontend, FragmentManifest manifest) {
        List<String> problems = ManifestValidator.problems(manifest);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid manifest: " + String.join("; ", problems));
        }
        FragmentManifest previous = manifests.put(frontend, manifest);
        if (previous == null || !previous.version().equals(manifest.version())) {
            LOG.infof("front-end %s: manifest version %s", frontend, manifest.version());
        }
    }
}
