package dev.orrery.profile.profile;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orrery.contracts.profile.ProfileChange;
import dev.orrery.profile.error.InvalidInputException;
import dev.orrery.style.StyleAssets;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks a profile change; the REST API reports the first problem, the HTML form shows each next to its field. */
@ApplicationScoped
public class ProfileValidator {

    public static final int MAX_NAME_LENGTH = 80;

    private final StyleAssets style = StyleAssets.load();

    /** @return problems by field name; empty when the change is valid */
    public Map<String, String> problems(ProfileChange change) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = change.displayName() == null ? "" : change.displayName().strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            problems.put("displayName", "Display name must not be empty.");
        } else if (length > MAX_NAME_LENGTH) {
            problems.put("displayName", "Display name must be at most " + MAX_NAME_LENGTH + " characters.");
        } else if (name.codePoints().anyMatch(Character::isISOControl)) {
            problems.put("displayName", "Display name must not contain control characters.");
        }
        if (!style.isStyleGuide(change.styleGuide())) {
            problems.put("styleGuide", "Style guide must be one of " + String.join(", ", style.styleGuides()) + ".");
        }
        if (!isZoneId(change.timeZone())) {
            problems.put("timeZone", "Time zone must be a region such as Europe/Berlin or UTC.");
        }
        return problems;
    }

    /** @throws InvalidInputException naming the first offending field */
    public ValidProfileChange validate(ProfileChange change) {
        if (change == null) {
            throw new InvalidInputException(null, "A JSON body with displayName, styleGuide and timeZone is required.");
        }
        problems(change).entrySet().stream().findFirst().ifPresent(p -> {
            throw new InvalidInputException(p.getKey(), p.getValue());
        });
        return new ValidProfileChange(change.displayName().strip(), change.styleGuide(), change.timeZone());
    }

    public StyleAssets style() {
        return style;
    }

    private static boolean isZoneId(String zone) {
        if (zone == null || zone.isBlank() || zone.length() > 64) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
