package dev.orrery.profile.avatar;

/** An uploaded image that passed {@link AvatarImages}: PNG re-encoded from the decoded pixels, or a checked WebP. */
public record ValidatedImage(String contentType, byte[] bytes, int width, int height) {
}
