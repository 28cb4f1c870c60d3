package dev.orrery.gateway.compose;

import java.util.List;

import io.quarkus.qute.RawString;

/**
 * The assets of a page, de-duplicated across every manifest: one set of style links, the module scripts the
 * front-ends declare, and one import map ({@code imports} plus {@code integrity}) already escaped for a script element.
 */
public record PageHead(List<AssetLink> styles, List<AssetLink> scripts, RawString importMap) {

    public record AssetLink(String url, String integrity) {
    }
}
