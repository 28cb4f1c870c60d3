package dev.orrery.gateway.stub;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.manifest.ManifestRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;

/** Base of tests against the gateway pointed at {@link StubFrontends}: resets the stubs and keeps one login per user. */
public abstract class StubbedGateway {

    private static final Map<String, LoggedIn> SESSIONS = new ConcurrentHashMap<>();

    @TestHTTPResource("/")
    protected URL root;
    @Inject
    protected ManifestRegistry registry;

    /** Stubs back to version 1 manifests with no answers, manifests re-read, and the user's (reused) session. */
    protected LoggedIn resetAndLogIn(String user) throws Exception {
        StubFrontends.reset();
        registry.refreshAll().await().indefinitely();
        String site = root.toString().replaceAll("/$", "");
        LoggedIn session = SESSIONS.get(site + " " + user);
        if (session == null) {
            session = LoggedIn.as(site, user);
            SESSIONS.put(site + " " + user, session);
        }
        return session;
    }
}
