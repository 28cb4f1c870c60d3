package dev.orrery.gateway.manifest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.contracts.fragment.ManifestValidator;
import dev.orrery.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

/**
 * The front-ends' manifests: fetched at start and refreshed periodically. An invalid or unreachable manifest is
 * logged with its reason and the last valid one stays in use.
 */
@Singleton
public class ManifestRegistry {

    private static final Logger LOG = Logger.getLogger(ManifestRegistry.class);

    private final GatewayConfig config;
    private final WebClient client;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final Map<String, FrontendState> states = new ConcurrentHashMap<>();
    /** Grows whenever an accepted manifest differs from the previous one; derived data (page heads) keys on it. */
    private final AtomicLong generation = new AtomicLong();
    private long timer;

    ManifestRegistry(GatewayConfig config, WebClient client, Vertx vertx, ObjectMapper json) {
        this.config = config;
        this.client = client;
        this.vertx = vertx;
        this.json = json;
        new TreeMap<>(config.frontends()).forEach((name, frontend) ->
                states.put(name, FrontendState.initial(name, frontend.url())));
    }

    void onStart(@Observes StartupEvent event) {
        refreshAll().subscribe().with(ignored -> {
        });
        timer = vertx.setPeriodic(config.manifestRefresh().toMillis(), id -> refreshAll().subscribe().with(ignored -> {
        }));
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    public Optional<FragmentManifest> manifest(String frontend) {
        return Optional.ofNullable(states.get(frontend)).map(FrontendState::manifest);
    }

    public Optional<FrontendState> state(String frontend) {
        return Optional.ofNullable(states.get(frontend));
    }

    /** Every configured front-end, by name. */
    public Collection<FrontendState> states() {
        return new TreeMap<>(states).values();
    }

    public long generation() {
        return generation.get();
    }

    public Uni<Void> refreshAll() {
        List<Uni<Void>> refreshes = states.keySet().stream().map(this::refresh).toList();
        return Uni.join().all(refreshes).andCollectFailures().replaceWithVoid().onFailure().recoverWithNull();
    }

    private Uni<Void> refresh(String frontend) {
        var base = states.get(frontend).url();
        return client.getAbs(base.resolve(FragmentManifest.PATH).toString())
                .timeout(2_000)
                .send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("manifest answered " + response.statusCode());
                    }
                    return parse(response.bodyAsString());
                })
                .invoke(manifest -> accept(frontend, manifest))
                .onFailure().invoke(e -> reject(frontend, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private FragmentManifest parse(String body) {
        try {
            return json.readValue(body, FragmentManifest.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("manifest is not valid JSON: " + e.getMessage());
        }
    }

    void accept(String frontend, FragmentManifest manifest) {
        List<String> problems = ManifestValidator.problems(manifest);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid manifest: " + String.join("; ", problems));
        }
        if (!frontend.equals(manifest.name())) {
            throw new IllegalArgumentException("manifest names itself " + manifest.name() + ", configured as " + frontend);
        }
        FrontendState previous = states.get(frontend);
        states.put(frontend, previous.accepted(manifest, Instant.now()));
        if (!manifest.equals(previous.manifest())) {
            generation.incrementAndGet();
            LOG.infof("front-end %s: manifest version %s", frontend, manifest.version());
        }
    }

    private void reject(String frontend, String problem) {
        FrontendState previous = states.get(frontend);
        states.put(frontend, previous.failed(problem, Instant.now()));
        LOG.warnf("manifest of %s not refreshed (%s); %s", frontend, problem,
                previous.manifest() == null ? "no valid manifest yet" : "keeping version " + previous.manifest().version());
    }
}
