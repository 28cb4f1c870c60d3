package dev.orrery.profile.fragment;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.orrery.contracts.fragment.ContextHeaders;
import dev.orrery.profile.config.ProfileConfig;
import dev.orrery.profile.form.FormFlash;
import dev.orrery.profile.profile.Profile;
import dev.orrery.profile.profile.ProfileService;
import dev.orrery.style.StyleAssets;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Server-rendered HTML fragments for the gateway to compose. */
@Path("/fragments")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FragmentResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance badge(Profile profile);

        static native TemplateInstance page(ProfilePage page);
    }

    private final JsonWebToken token;
    private final ProfileService profiles;
    private final FormFlash flash;
    private final PageScripts scripts;
    private final ProfileConfig config;

    FragmentResource(JsonWebToken token, ProfileService profiles, FormFlash flash, PageScripts scripts,
            ProfileConfig config) {
        this.token = token;
        this.profiles = profiles;
        this.flash = flash;
        this.scripts = scripts;
        this.config = config;
    }

    @GET
    @Path("/badge")
    public Response badge() {
        return versioned(Templates.badge(profiles.findOrCreate(token)));
    }

    @GET
    @Path("/profile")
    public Response page() {
        Profile profile = profiles.findOrCreate(token);
        StyleAssets style = scripts.style();
        ProfilePage page = ProfilePage.of(profile, flash.take(profile.userId).orElse(null), style.styleGuides(),
                style.url("widgets/orrery-picker.js"), scripts.pageScript().url());
        // The flash is shown once: the gateway must not keep this as a last good copy (see the manifest).
        return versioned(Templates.page(page));
    }

    private Response versioned(TemplateInstance html) {
        return Response.ok(html).header(ContextHeaders.FRONTEND_VERSION, config.version()).build();
    }
}
