package dev.orrery.profile.fragment;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.orrery.profile.profile.Profile;
import dev.orrery.profile.profile.ProfileService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Server-rendered HTML fragments for the gateway to compose. */
@Path("/fragments")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FragmentResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance badge(Profile profile);
    }

    private final JsonWebToken token;
    private final ProfileService profiles;

    FragmentResource(JsonWebToken token, ProfileService profiles) {
        this.token = token;
        this.profiles = profiles;
    }

    @GET
    @Path("/badge")
    public TemplateInstance badge() {
        return Templates.badge(profiles.findOrCreate(token));
    }
}
