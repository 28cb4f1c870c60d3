package dev.orrery.contracts.profile;

/**
 * Body of {@code PUT /api/profile}: the whole editable profile. {@code displayName} is 1..80 characters after
 * trimming, {@code styleGuide} one of shared-style's guides, {@code timeZone} a {@code java.time.ZoneId} such as
 * {@code Europe/Berlin}.
 */
public record ProfileChange(String displayName, String styleGuide, String timeZone) {
}
