package dev.orrery.contracts.fragment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a {@link FragmentManifest}; both the front-ends' tests and the gateway use it, so they agree. */
public final class ManifestValidator {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");
    private static final int MAX_ROUTES = 8;

    private ManifestValidator() {
    }

    /** @return the problems found; empty when the manifest is valid */
    public static List<String> problems(FragmentManifest m) {
        List<String> problems = new ArrayList<>();
        if (m == null) {
            return List.of("manifest is empty");
        }
        if (m.name() == null || !NAME.matcher(m.name()).matches()) {
            problems.add("name must match " + NAME.pattern());
        }
        if (m.version() == null || m.version().isBlank()) {
            problems.add("version is missing");
        }
        Set<String> ids = new HashSet<>();
        int primaries = 0;
        for (FragmentManifest.Fragment f : nullSafe(m.fragments())) {
            if (f.id() == null || !NAME.matcher(f.id()).matches() || !ids.add(f.id())) {
                problems.add("fragment id missing, malformed or repeated: " + f.id());
            }
            if (!isSafePath(f.path())) {
                problems.add("fragment " + f.id() + ": path must be an absolute path without '..': " + f.path());
            }
            if (f.timeoutMs() <= 0 || f.timeoutMs() > 30_000) {
                problems.add("fragment " + f.id() + ": timeoutMs must be 1..30000");
            }
            primaries += f.primary() ? 1 : 0;
        }
        if (primaries > 1) {
            problems.add("at most one fragment may be primary");
        }
        for (FragmentManifest.Asset a : nullSafe(m.assets())) {
            if (!"script".equals(a.type()) && !"style".equals(a.type())) {
                problems.add("asset type must be script or style: " + a.type());
            }
            if (!isSafePath(a.url())) {
                problems.add("asset url must be a same-origin absolute path: " + a.url());
            }
        }
        List<FragmentManifest.Route> routes = nullSafe(m.routes());
        if (routes.size() > MAX_ROUTES) {
            problems.add("at most " + MAX_ROUTES + " proxy routes");
        }
        for (FragmentManifest.Route r : routes) {
            if (!"http".equals(r.kind()) && !"websocket".equals(r.kind())) {
                problems.add("route kind must be http or websocket: " + r.kind());
            }
            if (!isSafePath(r.prefix()) || r.prefix().length() < 2) {
                problems.add("route prefix must be a non-root absolute path without '..': " + r.prefix());
            }
        }
        return problems;
    }

    static boolean isSafePath(String path) {
        return path != null && SAFE_PATH.matcher(path).matches() && !path.contains("..") && !path.contains("//");
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
