package dev.orrery.gateway.manifest;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready when every front-end has a valid manifest (an unstable one still serves its last valid manifest); the state
 * and version of each front-end is in the data.
 */
@Readiness
@ApplicationScoped
public class ManifestRegistryHealthCheck implements HealthCheck {

    private final ManifestRegistry registry;

    ManifestRegistryHealthCheck(ManifestRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("front-end manifests");
        boolean up = true;
        for (FrontendState state : registry.states()) {
            builder.withData(state.name(), state.health().name().toLowerCase()
                    + (state.manifest() == null ? "" : " " + state.manifest().version()));
            up &= state.manifest() != null;
        }
        return builder.status(up).build();
    }
}
