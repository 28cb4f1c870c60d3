package dev.orrery.contracts.fragment;

import java.util.List;
import java.util.Map;

/**
 * What the gateway offers front-ends to build pages with: its named layouts and their slots, the extension slots of
 * its own pages, and the paths it keeps for itself. The gateway's templates are checked against this list in its
 * build, and manifests are checked against it by {@link ManifestValidator}: both sides agree through this class.
 */
public final class PlatformLayouts {

    /** Layout name to its slot names, in document order. */
    public static final Map<String, List<String>> LAYOUTS = Map.of(
            "single", List.of("main"),
            "sidebar", List.of("main", "side"));

    /**
     * Slots of the platform's own pages that front-ends fill by declaration ({@link FragmentManifest.Extension}):
     * {@code home.main} and {@code home.side} on the start page ({@code /}), {@code header.end} in the site header
     * of every page.
     */
    public static final List<String> EXTENSION_SLOTS = List.of("home.main", "home.side", "header.end");

    /**
     * Paths no front-end page may take: exact paths, and prefixes ending in {@code /**} that cover the path itself
     * and everything under it.
     */
    public static final List<String> RESERVED_PATHS = List.of("/", "/logout", "/favicon.ico", "/orrery/**",
            "/admin/**", "/q/**", "/bench/**", "/.well-known/**", "/api/**", "/live/**", "/fragments/**");

    private PlatformLayouts() {
    }

    /** Whether a page path is one the platform keeps for itself. */
    public static boolean isReserved(String path) {
        return RESERVED_PATHS.stream().anyMatch(reserved -> reserved.endsWith("/**")
                ? path.equals(reserved.substring(0, reserved.length() - 3))
                        || path.startsWith(reserved.substring(0, reserved.length() - 2))
                : path.equals(reserved));
    }
}
