package dev.orrery.profile.fragment;

import java.util.List;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.profile.config.ProfileConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this front-end declares to the gateway: fragments, assets, and the only routes it may proxy here. */
@Path(FragmentManifest.PATH)
public class ManifestResource {

    private final ProfileConfig config;
    private final PageScripts scripts;

    ManifestResource(ProfileConfig config, PageScripts scripts) {
        this.config = config;
        this.scripts = scripts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public FragmentManifest manifest() {
        return new FragmentManifest("profile", config.version(),
                List.of(new FragmentManifest.Fragment("badge", "/fragments/badge", 3000, false, false,
                                "<div class=\"profile-badge\"><a href=\"/logout\">Log out</a></div>", true),
                        new FragmentManifest.Fragment("page", "/fragments/profile", 5000, true, true,
                                null, false)),
                List.of(scripts.pageScript()),
                List.of(new FragmentManifest.Route("http", "/api/profile"),
                        new FragmentManifest.Route("http", "/profile/assets")));
    }
}
