package dev.orrery.profile.form;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.orrery.contracts.profile.ProfileChange;
import dev.orrery.profile.avatar.AvatarImages;
import dev.orrery.profile.avatar.ValidatedImage;
import dev.orrery.profile.config.ProfileConfig;
import dev.orrery.profile.error.InvalidInputException;
import dev.orrery.profile.profile.Profile;
import dev.orrery.profile.profile.ProfileService;
import dev.orrery.profile.profile.ProfileValidator;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The profile page's plain HTML form (works without JavaScript): validates everything first, saves all or nothing,
 * and answers 303 back to the page, which then shows the confirmation or the problems next to the typed values.
 */
@Path("/api/profile/form")
@Authenticated
@Tag(name = "profile")
public class ProfileFormResource {

    private final JsonWebToken token;
    private final ProfileService profiles;
    private final ProfileValidator validator;
    private final AvatarImages images;
    private final FormFlash flash;
    private final ProfileConfig config;

    ProfileFormResource(JsonWebToken token, ProfileService profiles, ProfileValidator validator, AvatarImages images,
            FormFlash flash, ProfileConfig config) {
        this.token = token;
        this.profiles = profiles;
        this.validator = validator;
        this.images = images;
        this.flash = flash;
        this.config = config;
    }

    @POST
    @Consumes({ MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED })
    @Operation(summary = "Save the profile page form (display name, style guide, time zone, optional avatar file)")
    @APIResponse(responseCode = "303", description = "Back to the profile page, which shows the outcome")
    public Response submit(@RestForm String displayName, @RestForm String styleGuide, @RestForm String timeZone,
            @RestForm("avatar") FileUpload avatar) throws IOException {
        Profile profile = profiles.findOrCreate(token);
        ProfileChange change = new ProfileChange(displayName, styleGuide, timeZone);
        Map<String, String> problems = new LinkedHashMap<>(validator.problems(change));
        Optional<ValidatedImage> image = Optional.empty();
        if (avatar != null && avatar.size() > 0) {
            try (InputStream in = Files.newInputStream(avatar.uploadedFile())) {
                image = Optional.of(images.validate(images.readLimited(in)));
            } catch (InvalidInputException e) {
                problems.put(e.field(), e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            profiles.update(profile.userId, validator.validate(change), image);
            flash.saved(profile.userId, "Your profile was saved.");
        } else {
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("displayName", displayName == null ? "" : displayName);
            typed.put("styleGuide", styleGuide == null ? "" : styleGuide);
            typed.put("timeZone", timeZone == null ? "" : timeZone);
            flash.rejected(profile.userId, typed, problems);
        }
        return backToPage();
    }

    /**
     * The avatar's own form: a file needs a multipart body. The gateway checks its hidden {@code _csrf} field there too
     * (no JavaScript needed); the page script sends the CSRF header as well (docs/profile-frontend.md).
     */
    @POST
    @Path("/avatar")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Save the profile page's avatar form (file field 'avatar')")
    @APIResponse(responseCode = "303", description = "Back to the profile page, which shows the outcome")
    public Response submitAvatar(@RestForm("avatar") FileUpload avatar) throws IOException {
        Profile profile = profiles.findOrCreate(token);
        if (avatar == null || avatar.size() == 0) {
            flash.rejected(profile.userId, Map.of(), Map.of(AvatarImages.FIELD, "Choose an image file first."));
            return backToPage();
        }
        try (InputStream in = Files.newInputStream(avatar.uploadedFile())) {
            profiles.replaceAvatar(profile.userId, images.validate(images.readLimited(in)));
            flash.saved(profile.userId, "Your new avatar was saved.");
        } catch (InvalidInputException e) {
            flash.rejected(profile.userId, Map.of(), Map.of(e.field(), e.getMessage()));
        }
        return backToPage();
    }

    private Response backToPage() {
        // A relative Location, set as text: the browser resolves it against the gateway's origin, never this service's.
        return Response.status(Response.Status.SEE_OTHER).header("Location", config.pagePath()).build();
    }
}
