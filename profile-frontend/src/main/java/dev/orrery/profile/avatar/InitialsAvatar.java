package dev.orrery.profile.avatar;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The generated avatar for users without an upload: their initials on a colour derived from their id. */
final class InitialsAvatar {

    private InitialsAvatar() {
    }

    static String svg(String userId, String displayName) {
        int hue = Math.floorMod(userId.hashCode(), 360);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\" role=\"img\""
                + " aria-label=\"" + escape(displayName) + "\">"
                + "<rect width=\"96\" height=\"96\" rx=\"48\" fill=\"hsl(" + hue + ",45%,38%)\"/>"
                + "<text x=\"48\" y=\"48\" dy=\".35em\" text-anchor=\"middle\" font-family=\"system-ui,sans-serif\""
                + " font-size=\"38\" fill=\"#ffffff\">" + escape(initials(displayName)) + "</text></svg>";
    }

    /** First letter of the first and the last word, e.g. "Alice Liddell" → "AL"; code-point safe. */
    static String initials(String displayName) {
        String[] words = displayName == null ? new String[0] : displayName.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "?";
        }
        String[] ends = words.length == 1 ? new String[] { words[0] } : new String[] { words[0], words[words.length - 1] };
        return Arrays.stream(ends)
                .map(w -> new String(Character.toChars(w.codePointAt(0))).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining());
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
