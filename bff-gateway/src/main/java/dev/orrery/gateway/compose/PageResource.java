package dev.orrery.gateway.compose;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.orrery.contracts.fragment.ContextHeaders;
import dev.orrery.gateway.profile.StyleGuides;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import jakarta.inject.Inject;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Composed pages: the gateway's own layouts with the front-ends' fragments in their slots. */
@Path("/")
public class PageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(String styleGuide, Map<String, FragmentResult> slots);
    }

    private final FragmentFetcher fetcher;
    private final StyleGuides styleGuides;
    @Inject
    @IdToken
    JsonWebToken idToken;
    @Inject
    AccessTokenCredential accessToken;

    PageResource(FragmentFetcher fetcher, StyleGuides styleGuides) {
        this.fetcher = fetcher;
        this.styleGuides = styleGuides;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> home() {
        String userId = idToken.getSubject();
        String styleGuide = styleGuides.of(userId);
        var context = new FragmentFetcher.RequestContext(accessToken.getToken(), Map.of(
                ContextHeaders.USER_ID, userId,
                ContextHeaders.STYLE_GUIDE, styleGuide,
                ContextHeaders.REQUEST_ID, UUID.randomUUID().toString()));
        List<Uni<FragmentResult>> fetches = List.of("profile:badge", "todo:list").stream()
                .map(slot -> fetcher.fetch(slot, context)).toList();
        return Uni.join().all(fetches).andFailFast()
                .map(results -> Templates.home(styleGuide,
                        results.stream().collect(java.util.stream.Collectors.toMap(FragmentResult::slot, r -> r))));
    }
}
