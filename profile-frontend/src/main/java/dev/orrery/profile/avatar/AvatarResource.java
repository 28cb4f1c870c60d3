package dev.orrery.profile.avatar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.orrery.contracts.error.ApiError;
import dev.orrery.contracts.profile.ProfileView;
import dev.orrery.profile.config.ProfileConfig;
import dev.orrery.profile.error.InvalidInputException;
import dev.orrery.profile.profile.Profile;
import dev.orrery.profile.profile.ProfileResource;
import dev.orrery.profile.profile.ProfileService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Avatars: anyone signed in may see one (they appear on cards); only the owner may replace theirs. */
@Path("/api/profile/avatar")
@Authenticated
@Tag(name = "avatar")
public class AvatarResource {

    private final JsonWebToken token;
    private final ProfileService profiles;
    private final AvatarImages images;
    private final ProfileConfig config;

    AvatarResource(JsonWebToken token, ProfileService profiles, AvatarImages images, ProfileConfig config) {
        this.token = token;
        this.profiles = profiles;
        this.images = images;
        this.config = config;
    }

    @GET
    @Path("/{userId}")
    @Produces({ "image/png", "image/webp", "image/svg+xml" })
    @Operation(summary = "A user's avatar: the uploaded image, or generated initials (SVG). Cacheable, with ETag")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched)")
    @APIResponse(responseCode = "404", description = "No such profile")
    public Response get(@PathParam("userId") String userId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Avatar uploaded = Avatar.findById(userId);
        if (uploaded != null) {
            return cacheable(uploaded.etag, uploaded.contentType, uploaded.content, ifNoneMatch);
        }
        Profile profile = profiles.find(userId).orElseThrow(() -> new NotFoundException("no such profile"));
        byte[] svg = InitialsAvatar.svg(profile.userId, profile.displayName).getBytes(StandardCharsets.UTF_8);
        return cacheable(Avatar.etagOf(svg), "image/svg+xml", svg, ifNoneMatch);
    }

    @PUT
    @Consumes({ "image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the signed-in user's avatar with the request body (PNG, JPEG or WebP)")
    @APIResponse(responseCode = "200", description = "Stored; the profile's avatarUrl changed")
    @APIResponse(responseCode = "400", description = "Corrupt or too many pixels; nothing was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Too large", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Not a PNG, JPEG or WebP", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public ProfileView put(InputStream body) throws IOException {
        return store(images.validate(images.readLimited(body)));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the signed-in user's avatar with the multipart file field 'avatar'")
    public ProfileView upload(@RestForm("avatar") FileUpload file) throws IOException {
        if (file == null) {
            throw new InvalidInputException(AvatarImages.FIELD, "A file in the form field 'avatar' is required.");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return store(images.validate(images.readLimited(in)));
        }
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove the signed-in user's uploaded avatar; the generated initials are shown again")
    public ProfileView delete() {
        Profile profile = profiles.findOrCreate(token);
        return ProfileResource.view(profiles.removeAvatar(profile.userId));
    }

    private ProfileView store(ValidatedImage image) {
        Profile profile = profiles.findOrCreate(token);
        return ProfileResource.view(profiles.replaceAvatar(profile.userId, image));
    }

    private Response cacheable(String etag, String contentType, byte[] body, String ifNoneMatch) {
        EntityTag tag = new EntityTag(etag);
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge((int) config.avatar().maxAge().toSeconds());
        Response.ResponseBuilder response = ifNoneMatch != null && ifNoneMatch.contains("\"" + etag + "\"")
                ? Response.notModified(tag)
                : Response.ok(body, contentType);
        return response.tag(tag).cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .build();
    }
}
