package dev.orrery.gateway.compose;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.orrery.gateway.manifest.ManifestRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Singleton;

/**
 * The gateway's own layouts (Qute templates under {@code templates/PageLayouts/}), rendered once per page, style guide
 * and manifest generation, then cut into a {@link Layout}. A template names a slot with {@code {slots.at('todo:list')}}
 * and marks the end of the body with {@code {slots.late}}.
 */
@Singleton
public class PageLayouts {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(PageHead head, String styleGuide, Slots slots);

        static native TemplateInstance profile(PageHead head, String styleGuide, Slots slots);

        static native TemplateInstance bench(PageHead head, String styleGuide, Slots slots);

        static native TemplateInstance error(PageHead head, String styleGuide, int status, String heading, String message);
    }

    /** Writes the markers that {@link Layout#parse} cuts at. */
    public static final class Slots {
        public RawString at(String name) {
            return new RawString(Layout.slotMarker(name));
        }

        public RawString csrf() {
            return new RawString(Layout.CSRF_MARKER);
        }

        public RawString late() {
            return new RawString(Layout.LATE_MARKER);
        }
    }

    private record Key(Page page, String styleGuide, long generation) {
    }

    private record PreloadLinks(long generation, String value) {
    }

    private static final Slots SLOTS = new Slots();

    private final PageAssets assets;
    private final ManifestRegistry registry;
    private final Map<Key, Layout> layouts = new ConcurrentHashMap<>();
    private volatile PreloadLinks preloadLinks = new PreloadLinks(-1, "");

    PageLayouts(PageAssets assets, ManifestRegistry registry) {
        this.assets = assets;
        this.registry = registry;
    }

    public Layout layout(Page page, String styleGuide) {
        String guide = assets.shared().styleGuideOrDefault(styleGuide);
        Key key = new Key(page, guide, registry.generation());
        Layout layout = layouts.get(key);
        if (layout == null) {
            layouts.keySet().removeIf(k -> k.generation() != key.generation());
            layout = Layout.parse(template(page, guide).render());
            layouts.put(key, layout);
        }
        return layout;
    }

    private TemplateInstance template(Page page, String guide) {
        return switch (page) {
            case HOME -> Templates.home(assets.head(), guide, SLOTS);
            case PROFILE -> Templates.profile(assets.head(), guide, SLOTS);
            case BENCH, BENCH_SIGNED_IN -> Templates.bench(assets.head(), guide, SLOTS);
        };
    }

    /** The page head's assets as a {@code Link} header value (for 103 Early Hints), built once per generation. */
    public String preloadLinks() {
        long generation = registry.generation();
        PreloadLinks current = preloadLinks;
        if (current.generation() != generation) {
            current = new PreloadLinks(generation, assets.head().preloadLinks());
            preloadLinks = current;
        }
        return current.value();
    }

    /** A complete branded error page (used before anything of the page was sent). */
    public String errorPage(String styleGuide, int status, String message) {
        return Templates.error(assets.head(), assets.shared().styleGuideOrDefault(styleGuide), status,
                "Something went wrong (" + status + ")", message).render();
    }

    /** The branded 404 page; the path is shown escaped, like every value in the template. */
    public String notFoundPage(String styleGuide, String path) {
        return Templates.error(assets.head(), assets.shared().styleGuideOrDefault(styleGuide), 404, "Nothing here",
                "There is no page at " + path + ".").render();
    }
}
