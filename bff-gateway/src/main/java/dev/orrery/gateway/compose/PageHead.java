package dev.orrery.gateway.compose;

import java.util.List;

import io.quarkus.qute.RawString;

/**
 * The assets of a page, de-duplicated across every manifest: one set of style links, the module scripts the
 * front-ends declare, and one import map ({@code imports} plus {@code integrity}) already escaped for a script element.
 */
public record PageHead(List<AssetLink> styles, List<AssetLink> scripts, RawString importMap) {

    /**
     * The styles and scripts as one {@code Link} header value for a 103 Early Hints answer: {@code preload} for
     * styles, {@code modulepreload} for module scripts, both CORS-anonymous like the elements that use them.
     */
    public String preloadLinks() {
        StringBuilder links = new StringBuilder();
        styles.forEach(s -> links.append(links.isEmpty() ? "" : ", ").append('<').append(s.url())
                .append(">; rel=preload; as=style; crossorigin=anonymous"));
        scripts.forEach(s -> links.append(links.isEmpty() ? "" : ", ").append('<').append(s.url())
                .append(">; rel=modulepreload; crossorigin=anonymous"));
        return links.toString();
    }

    public record AssetLink(String url, String integrity) {
    }
}
