package dev.orrery.gateway.admin;

import java.time.Instant;
import java.util.List;

import dev.orrery.gateway.manifest.FrontendState;
import dev.orrery.gateway.manifest.ManifestRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the gateway knows of each front-end, for operators: users with the realm role {@value #ADMIN_ROLE}. */
@Path("/admin/frontends")
@RolesAllowed(FrontendsResource.ADMIN_ROLE)
public class FrontendsResource {

    /** A Keycloak realm role, read from the access token's {@code realm_access/roles}. */
    public static final String ADMIN_ROLE = "orrery-admin";

    public record FrontendView(String name, String url, String version, Instant lastRefresh, Instant lastAttempt,
            String state, int failedRefreshes, String lastProblem) {
    }

    private final ManifestRegistry registry;

    FrontendsResource(ManifestRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<FrontendView> frontends() {
        return registry.states().stream().map(FrontendsResource::view).toList();
    }

    private static FrontendView view(FrontendState s) {
        return new FrontendView(s.name(), s.url().toString(), s.manifest() == null ? null : s.manifest().version(),
                s.lastRefresh(), s.lastAttempt(), s.health().name().toLowerCase(), s.failures(), s.lastProblem());
    }
}
