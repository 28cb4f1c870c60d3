package dev.orrery.profile.fragment;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.orrery.profile.form.FormFlash;
import dev.orrery.profile.profile.Profile;

/** What the profile page fragment shows: the saved profile, or what the user typed with the problems found. */
public record ProfilePage(Profile profile, String displayName, String styleGuide, String timeZone,
        Map<String, String> problems, String saved, List<String> styleGuides, List<String> timeZones,
        String pickerUrl, String scriptUrl) {

    /** Region ids (Europe/Berlin) and UTC, sorted: the offsets-only and legacy ids are left out of the list. */
    static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+"))
            .sorted().collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                l.add(0, "UTC");
                return List.copyOf(l);
            }));

    static ProfilePage of(Profile profile, FormFlash.Flash flash, List<String> styleGuides, String pickerUrl,
            String scriptUrl) {
        Map<String, String> typed = flash == null ? Map.of() : flash.values();
        return new ProfilePage(profile, typed.getOrDefault("displayName", profile.displayName),
                typed.getOrDefault("styleGuide", profile.styleGuide), typed.getOrDefault("timeZone", profile.timeZone),
                flash == null ? Map.of() : flash.problems(), flash == null ? null : flash.saved(), styleGuides,
                TIME_ZONES, pickerUrl, scriptUrl);
    }

    public String problem(String field) {
        return problems.get(field);
    }

    public boolean hasProblem(String field) {
        return problems.containsKey(field);
    }
}
