package dev.orrery.contracts.fragment;

import java.util.List;
import java.util.Map;

/**
 * What a front-end declares to the gateway at {@link #PATH}: its fragments, its assets, the only routes the gateway
 * may proxy to it, the pages it adds to the site and the platform extension slots it fills. The gateway rejects a
 * manifest for which {@link ManifestValidator} reports problems, or that clashes with the other front-ends' manifests.
 */
public record FragmentManifest(String name, String version, List<Fragment> fragments, List<Asset> assets,
        List<Route> routes, List<PageDeclaration> pages, List<Extension> extensions) {

    public static final String PATH = "/.well-known/orrery/manifest.json";

    /** A manifest that declares no pages and fills no extension slots. */
    public FragmentManifest(String name, String version, List<Fragment> fragments, List<Asset> assets,
            List<Route> routes) {
        this(name, version, fragments, assets, routes, List.of(), List.of());
    }

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

    /**
     * A page of the composed site, served by the gateway at {@code path}.
     *
     * @param path the page's path on the site, e.g. {@code /focus}; never one the platform reserves
     *        ({@link PlatformLayouts#RESERVED_PATHS})
     * @param title the document title (the gateway appends " · Orrery")
     * @param layout one of the gateway's named layouts ({@link PlatformLayouts#LAYOUTS})
     * @param nav the page's entry in the site navigation, or null for none
     * @param slots each slot of the layout that is filled, with the fragments that fill it in order, as
     *        {@code frontend:fragmentId} (a page may use other front-ends' fragments)
     */
    public record PageDeclaration(String path, String title, String layout, NavEntry nav,
            Map<String, List<String>> slots) {
    }

    /** @param label the link text; {@code order} sorts the navigation (lower first, then by label). */
    public record NavEntry(String label, int order) {
    }

    /**
     * One of this front-end's fragments in an extension slot that a platform page offers.
     *
     * @param slot the extension slot, e.g. {@code home.side} ({@link PlatformLayouts#EXTENSION_SLOTS})
     * @param fragment the id of one of this manifest's own fragments
     * @param order fills of one slot are rendered by order (lower first), then by front-end name
     */
    public record Extension(String slot, String fragment, int order) {
    }
}
