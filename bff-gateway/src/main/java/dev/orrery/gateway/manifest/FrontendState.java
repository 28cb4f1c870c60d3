package dev.orrery.gateway.manifest;

import java.net.URI;
import java.time.Instant;

import dev.orrery.contracts.fragment.FragmentManifest;

/**
 * What the gateway knows of one front-end. {@code manifest} is the last valid one (null until one was accepted);
 * {@code failures} counts refreshes in a row that did not give a valid manifest.
 */
public record FrontendState(String name, URI url, FragmentManifest manifest, Instant lastRefresh, Instant lastAttempt,
        int failures, String lastProblem) {

    /** Failed refreshes in a row after which a front-end that still has a manifest counts as unhealthy. */
    static final int UNHEALTHY_AFTER = 3;

    public enum Health {
        STABLE, UNSTABLE, UNHEALTHY
    }

    static FrontendState initial(String name, URI url) {
        return new FrontendState(name, url, null, null, null, 0, "not fetched yet");
    }

    public Health health() {
        if (manifest == null || failures >= UNHEALTHY_AFTER) {
            return Health.UNHEALTHY;
        }
        return failures == 0 ? Health.STABLE : Health.UNSTABLE;
    }

    FrontendState accepted(FragmentManifest newManifest, Instant at) {
        return new FrontendState(name, url, newManifest, at, at, 0, null);
    }

    FrontendState failed(String problem, Instant at) {
        return new FrontendState(name, url, manifest, lastRefresh, at, failures + 1, problem);
    }
}
