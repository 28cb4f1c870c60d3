package dev.orrery.gateway.proxy;

import java.util.List;
import java.util.Optional;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.compose.Page;
import dev.orrery.gateway.manifest.FrontendState;
import dev.orrery.gateway.manifest.ManifestRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which paths the gateway forwards, straight from the manifests: a declared route prefix (the prefix itself or below
 * it), of the declared kind, and the exact URL of a declared asset that is not the gateway's own. Prefixes that would
 * shadow the gateway's own paths are never honoured.
 */
@ApplicationScoped
public class ProxyAllowList {

    /** The gateway's own paths and everything below them. */
    static final List<String> RESERVED = List.of("/logout", "/admin", "/q", "/orrery", "/.well-known", "/favicon.ico");

    private final ManifestRegistry registry;

    ProxyAllowList(ManifestRegistry registry) {
        this.registry = registry;
    }

    /** @param path the raw request path, already checked by {@link RequestTargetGuard} */
    public Optional<ProxyRoute> match(String path, boolean websocket) {
        if (isReserved(path)) {
            return Optional.empty();
        }
        for (FrontendState state : registry.states()) {
            FragmentManifest manifest = state.manifest();
            if (manifest == null) {
                continue;
            }
            for (FragmentManifest.Route route : nullSafe(manifest.routes())) {
                boolean kindMatches = "websocket".equals(route.kind()) == websocket;
                if (kindMatches && (path.equals(route.prefix()) || path.startsWith(route.prefix() + "/"))) {
                    return Optional.of(new ProxyRoute(state.name(), state.url(), route.kind()));
                }
            }
            if (!websocket && nullSafe(manifest.assets()).stream().anyMatch(a -> a.url().equals(path))) {
                return Optional.of(new ProxyRoute(state.name(), state.url(), "asset"));
            }
        }
        return Optional.empty();
    }

    /**
     * The composed pages are reserved as exact paths only, so a front-end may declare a prefix below one (profile's
     * {@code /profile/assets}) but never the page itself.
     */
    private static boolean isReserved(String path) {
        return Page.at(path).isPresent() || RESERVED.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
