package dev.orrery.gateway.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.gateway.compose.PageHead.AssetLink;
import dev.orrery.gateway.manifest.FrontendState;
import dev.orrery.gateway.manifest.ManifestRegistry;
import dev.orrery.style.StyleAssets;
import io.quarkus.qute.RawString;
import jakarta.inject.Singleton;

/**
 * Collects the shared style's assets and every manifest's assets into one {@link PageHead}: a URL declared by several
 * front-ends appears once; scripts are also reachable through the import map under their name without the content
 * hash ({@code /orrery/widgets/orrery-timer.js}), so fragments import stable names and get the hashed file.
 */
@Singleton
public class PageAssets {

    private static final Pattern CONTENT_HASH = Pattern.compile("\\.[0-9a-f]{8,64}(\\.m?js)$");
    private static final List<String> SHARED_STYLES = List.of("style/tokens.css", "style/base.css");

    private final ManifestRegistry registry;
    private final StyleAssets shared = StyleAssets.load();
    private final ObjectMapper json;
    private volatile Cached cached = new Cached(-1, null);

    private record Cached(long generation, PageHead head) {
    }

    PageAssets(ManifestRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    public StyleAssets shared() {
        return shared;
    }

    public PageHead head() {
        Cached current = cached;
        long generation = registry.generation();
        if (current.generation() != generation) {
            current = new Cached(generation, build());
            cached = current;
        }
        return current.head();
    }

    private PageHead build() {
        Map<String, AssetLink> styles = new LinkedHashMap<>();
        Map<String, AssetLink> scripts = new LinkedHashMap<>();
        Map<String, String> imports = new LinkedHashMap<>();
        SHARED_STYLES.forEach(name -> add(styles, shared.url(name), shared.integrity(name)));
        Map<String, String> integrity = new LinkedHashMap<>();
        shared.assets().values().stream().filter(a -> a.url().endsWith(".js")).forEach(a -> {
            imports.putIfAbsent(stableName(a.url()), a.url());
            integrity.put(a.url(), a.integrity());
        });
        for (FrontendState state : registry.states()) {
            FragmentManifest manifest = state.manifest();
            if (manifest == null || manifest.assets() == null) {
                continue;
            }
            for (FragmentManifest.Asset asset : manifest.assets()) {
                if ("style".equals(asset.type())) {
                    add(styles, asset.url(), asset.integrity());
                } else {
                    add(scripts, asset.url(), asset.integrity());
                    imports.putIfAbsent(stableName(asset.url()), asset.url());
                    if (asset.integrity() != null) {
                        integrity.putIfAbsent(asset.url(), asset.integrity());
                    }
                }
            }
        }
        return new PageHead(new ArrayList<>(styles.values()), new ArrayList<>(scripts.values()),
                importMap(imports, integrity));
    }

    private static void add(Map<String, AssetLink> links, String url, String integrity) {
        links.putIfAbsent(url, new AssetLink(url, integrity == null ? "" : integrity));
    }

    static String stableName(String url) {
        return CONTENT_HASH.matcher(url).replaceFirst("$1");
    }

    private RawString importMap(Map<String, String> imports, Map<String, String> integrity) {
        try {
            String text = json.writeValueAsString(Map.of("imports", imports, "integrity", integrity));
            // Inside <script> only "</" could end the element early; JSON allows escaping it.
            return new RawString(text.replace("<", "\\u003c"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
