package dev.orrery.contracts.profile;

/** A profile as {@code GET /api/profile} returns it. */
public record ProfileView(String userId, String displayName, String email, String avatarUrl, String styleGuide,
        String timeZone, long version) {
}
