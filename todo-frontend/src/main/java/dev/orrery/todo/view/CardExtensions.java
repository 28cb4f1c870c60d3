package dev.orrery.todo.view;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.orrery.contracts.todo.TodoView;
import io.quarkus.qute.TemplateExtension;

/** View-only values of a card: relative time, exact time, initials for the generated avatar. */
@TemplateExtension
public class CardExtensions {

    private CardExtensions() {
    }

    /** "just now", "2 minutes ago", "3 hours ago", "5 days ago"; the browser keeps it current from data-when. */
    static String ago(Instant when) {
        long seconds = Math.max(0, Duration.between(when, Instant.now()).getSeconds());
        if (seconds < 60) {
            return "just now";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return plural(hours, "hour");
        }
        return plural(hours / 24, "day");
    }

    static String iso(Instant when) {
        return DateTimeFormatter.ISO_INSTANT.format(when);
    }

    /** Up to two initials of the display name, "?" when there are none. */
    static String initials(TodoView.Author author) {
        String initials = Arrays.stream(author.displayName().trim().split("\\s+"))
                .filter(word -> !word.isEmpty()).limit(2)
                .map(word -> word.substring(0, word.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining());
        return initials.isEmpty() ? "?" : initials;
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s") + " ago";
    }
}
