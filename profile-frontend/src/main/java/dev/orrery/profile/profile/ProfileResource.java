package dev.orrery.profile.profile;

import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.orrery.contracts.error.ApiError;
import dev.orrery.contracts.profile.ProfileChange;
import dev.orrery.contracts.profile.ProfileView;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The signed-in user's own profile. There is no way to read or change another user's. */
@Path("/api/profile")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profile")
public class ProfileResource {

    private final JsonWebToken token;
    private final ProfileService profiles;
    private final ProfileValidator validator;

    ProfileResource(JsonWebToken token, ProfileService profiles, ProfileValidator validator) {
        this.token = token;
        this.profiles = profiles;
        this.validator = validator;
    }

    @GET
    @Operation(summary = "The signed-in user's profile (created from the token's claims on first call)")
    public ProfileView get() {
        return view(profiles.findOrCreate(token));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the editable fields of the signed-in user's profile; publishes ProfileUpdated")
    @APIResponse(responseCode = "200", description = "Saved (or unchanged)")
    @APIResponse(responseCode = "400", description = "Invalid field; nothing was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Changed concurrently; nothing was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public ProfileView put(ProfileChange change) {
        ValidProfileChange valid = validator.validate(change);
        Profile profile = profiles.findOrCreate(token);
        return view(profiles.update(profile.userId, valid, Optional.empty()));
    }

    public static ProfileView view(Profile p) {
        return new ProfileView(p.userId, p.displayName, p.email, p.avatarUrl(), p.styleGuide, p.timeZone, p.version);
    }
}
