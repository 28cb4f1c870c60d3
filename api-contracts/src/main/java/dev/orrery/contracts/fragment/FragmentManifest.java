package dev.orrery.contracts.fragment;

import java.util.List;

/**
 * What a front-end declares to the gateway at {@link #PATH}: its fragments, its assets, and the only routes the
 * gateway may proxy to it. The gateway rejects a manifest for which {@link ManifestValidator} reports problems.
 */
public record FragmentManifest(String name, String version, List<Fragment> fragments, List<Asset> assets,
        List<Route> routes) {

    public static final String PATH = "/.well-known/orrery/manifest.json";

    /**
     * @param id slot name within the front-end, e.g. {@code list}; the layout names it {@code todo:list}
     * @param path the fragment's path on the front-end
     * @param timeoutMs budget before the gateway gives up (required) or streams it out of order (optional)
     * @param required a failing required fragment fails the page; an optional one falls back
     * @param primary the fragment's status (404, 3xx) becomes the page's
     * @param fallbackHtml shown when an optional fragment fails and no last good copy exists
     * @param cacheable whether the gateway may keep a last good copy (per user)
     */
    public record Fragment(String id, String path, int timeoutMs, boolean required, boolean primary,
            String fallbackHtml, boolean cacheable) {
    }

    /** @param type {@code script} (ES module) or {@code style}; {@code integrity} is an SRI hash. */
    public record Asset(String type, String url, String integrity) {
    }

    /** @param kind {@code http} or {@code websocket}; {@code prefix} is a path prefix such as {@code /api/todos}. */
    public record Route(String kind, String prefix) {
    }
}
