package dev.orrery.style;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Orrery shared assets as the build hashed them: reads
 * {@code META-INF/resources/orrery/assets.json} from the classpath and answers
 * the versioned URL and the SRI integrity of each logical asset, plus the names
 * of the style guides. No dependencies; immutable and thread-safe.
 *
 * <pre>{@code
 * StyleAssets assets = StyleAssets.load();
 * assets.url("tokens.css");                 // "/orrery/style/tokens.1a2b3c4d5e.css"
 * assets.integrity("widgets/orrery-timer.js"); // "sha384-..."
 * assets.styleGuides();                      // [daylight, nightfall, contrast]
 * }</pre>
 *
 * Logical names are the paths under {@code orrery/} ({@code style/tokens.css},
 * {@code style/base.css}, {@code widgets/orrery-timer.js}, {@code widgets/orrery-picker.js},
 * {@code widgets/orrery-bridge.js}, ...); a file name alone works when it is unique.
 */
public final class StyleAssets {

    /** Classpath location of the manifest. */
    public static final String MANIFEST = "META-INF/resources/orrery/assets.json";

    /** One hashed asset. */
    public record Asset(String name, String url, String integrity) {
    }

    private final Map<String, Asset> assets;
    private final List<String> styleGuides;

    private StyleAssets(Map<String, Asset> assets, List<String> styleGuides) {
        this.assets = Collections.unmodifiableMap(assets);
        this.styleGuides = List.copyOf(styleGuides);
    }

    /** Loads the manifest with the class loader that loaded this class. */
    public static StyleAssets load() {
        return load(StyleAssets.class.getClassLoader());
    }

    public static StyleAssets load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException(MANIFEST + " is not on the classpath (was shared-style built with Maven?)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a manifest's text. */
    @SuppressWarnings("unchecked")
    public static StyleAssets parse(String json) {
        Object root = new Json(json).document();
        if (!(root instanceof Map<?, ?> map) || !(map.get("assets") instanceof Map<?, ?> entries)
                || !(map.get("styleGuides") instanceof List<?> guides)) {
            throw new IllegalArgumentException("not an Orrery asset manifest");
        }
        Map<String, Asset> assets = new LinkedHashMap<>();
        ((Map<String, Object>) entries).forEach((name, value) -> {
            Map<String, Object> fields = (Map<String, Object>) value;
            assets.put(name, new Asset(name, (String) fields.get("url"), (String) fields.get("integrity")));
        });
        return new StyleAssets(assets, (List<String>) guides);
    }

    /** The versioned URL, e.g. {@code /orrery/style/tokens.1a2b3c4d5e.css}. */
    public String url(String name) {
        return asset(name).url();
    }

    /** The SRI value for the {@code integrity} attribute, {@code sha384-...}. */
    public String integrity(String name) {
        return asset(name).integrity();
    }

    /** The asset by logical name ({@code style/tokens.css}) or unique file name ({@code tokens.css}). */
    public Asset asset(String name) {
        Objects.requireNonNull(name, "name");
        Asset exact = assets.get(name);
        if (exact != null) {
            return exact;
        }
        List<Asset> byFileName = assets.values().stream().filter(a -> a.name().endsWith("/" + name)).toList();
        if (byFileName.size() == 1) {
            return byFileName.get(0);
        }
        throw new IllegalArgumentException((byFileName.isEmpty() ? "unknown" : "ambiguous") + " Orrery asset '" + name
                + "'; known: " + assets.keySet());
    }

    /** All assets by logical name. */
    public Map<String, Asset> assets() {
        return assets;
    }

    /** The style-guide names: daylight, nightfall, contrast. */
    public List<String> styleGuides() {
        return styleGuides;
    }

    public boolean isStyleGuide(String name) {
        return name != null && styleGuides.contains(name);
    }

    /** The first style guide (daylight), used when a page names none. */
    public String defaultStyleGuide() {
        return styleGuides.get(0);
    }

    /** The name itself when it is a style guide, otherwise the default: safe for user input. */
    public String styleGuideOrDefault(String name) {
        return isStyleGuide(name) ? name : defaultStyleGuide();
    }

    /** Just enough JSON for the manifest: objects, arrays, strings, numbers, literals. */
    private static final class Json {
        private final String text;
        private int pos;

        Json(String text) {
            this.text = text;
        }

        Object document() {
            Object value = value();
            skipSpace();
            if (pos != text.length()) {
                throw error("trailing text");
            }
            return value;
        }

        private Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                default:
                    return literal();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek('}')) {
                return map;
            }
            do {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
            } while (peek(','));
            expect('}');
            return map;
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek(']')) {
                return list;
            }
            do {
                list.add(value());
                skipSpace();
            } while (peek(','));
            expect(']');
            return list;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            throw error("unterminated string");
        }

        private Object literal() {
            int start = pos;
            while (pos < text.length() && "{}[],: \t\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String word = text.substring(start, pos);
            switch (word) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    try {
                        return Double.valueOf(word);
                    } catch (NumberFormatException e) {
                        throw error("unexpected '" + word + "'");
                    }
            }
        }

        private boolean peek(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("assets.json: " + message + " at " + pos);
        }
    }
}
