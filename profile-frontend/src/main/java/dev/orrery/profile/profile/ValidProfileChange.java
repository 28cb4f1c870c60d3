package dev.orrery.profile.profile;

/** A {@link dev.orrery.contracts.profile.ProfileChange} that passed {@link ProfileValidator}: trimmed and checked. */
public record ValidProfileChange(String displayName, String styleGuide, String timeZone) {
}
