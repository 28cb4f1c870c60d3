package dev.orrery.style.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step (process-classes): writes a content-hashed copy of every style and
 * widget asset under {@code META-INF/resources/orrery/} and the manifest
 * {@code orrery/assets.json} (logical name to url and SRI integrity).
 *
 * <p>Relative references between assets ({@code import './orrery-element.js'},
 * {@code new URL('../style/tokens.css', import.meta.url)}) are rewritten to the
 * hashed names before hashing, so a hashed file only ever loads hashed files and
 * a change in a dependency changes the hash of everything that uses it.
 *
 * <p>Usage: {@code AssetManifestGenerator <dir containing META-INF/resources>}.
 */
public final class AssetManifestGenerator {

    static final String ROOT = "META-INF/resources/orrery";
    static final String MANIFEST = "assets.json";
    static final List<String> ASSET_DIRS = List.of("style", "widgets");
    private static final Pattern HASHED = Pattern.compile(".*\\.[0-9a-f]{10}\\.(css|js)$");
    private static final Pattern REFERENCE = Pattern.compile("(['\"])(\\.{1,2}/[^'\"\\s]+\\.(?:js|css))\\1");
    private static final Pattern STYLE_GUIDE = Pattern.compile("\\[data-style-guide=\"([a-z][a-z0-9-]*)\"\\]");

    private AssetManifestGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: AssetManifestGenerator <output directory>");
        }
        Path root = Path.of(args[0]).resolve(ROOT);
        Map<String, Asset> assets = generate(root);
        System.out.printf("orrery assets: %d hashed files and %s%n", assets.size(), root.resolve(MANIFEST));
    }

    /** A hashed asset: logical name (e.g. {@code style/tokens.css}), url, SRI integrity. */
    public record Asset(String name, String url, String integrity) {
    }

    public static Map<String, Asset> generate(Path root) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (String dir : ASSET_DIRS) {
            Path folder = root.resolve(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String fileName = file.getFileName().toString();
                    if (HASHED.matcher(fileName).matches()) {
                        Files.delete(file); // stale output of an earlier build
                    } else if (fileName.endsWith(".css") || fileName.endsWith(".js")) {
                        sources.put(dir + "/" + fileName, Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        Map<String, Asset> assets = new TreeMap<>();
        Map<String, String> hashedNames = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(sources.keySet());
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (String name : new ArrayList<>(pending)) {
                Map<String, String> refs = references(name, sources.get(name), sources.keySet());
                if (!hashedNames.keySet().containsAll(refs.values())) {
                    continue;
                }
                String content = rewrite(name, sources.get(name), refs, hashedNames);
                byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
                String hashed = hashedName(name, HexFormat.of().formatHex(digest("SHA-256", bytes)).substring(0, 10));
                Files.write(root.resolve(hashed), bytes);
                hashedNames.put(name, hashed);
                assets.put(name, new Asset(name, "/orrery/" + hashed,
                        "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes))));
                pending.remove(name);
                progress = true;
            }
            if (!progress) {
                throw new IllegalStateException("orrery assets: circular references among " + pending);
            }
        }
        Files.writeString(root.resolve(MANIFEST), manifest(assets, styleGuides(sources.get("style/tokens.css"))),
                StandardCharsets.UTF_8);
        return assets;
    }

    /** The style-guide names, in the order tokens.css defines them. */
    static List<String> styleGuides(String tokensCss) {
        if (tokensCss == null) {
            throw new IllegalStateException("orrery assets: style/tokens.css is missing");
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = STYLE_GUIDE.matcher(tokensCss);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** Literal relative references in a file mapped to the logical names they resolve to. */
    static Map<String, String> references(String name, String content, Set<String> known) {
        Map<String, String> refs = new LinkedHashMap<>();
        Matcher m = REFERENCE.matcher(content);
        while (m.find()) {
            String target = resolve(name, m.group(2));
            if (!known.contains(target)) {
                throw new IllegalStateException("orrery assets: " + name + " references unknown " + m.group(2));
            }
            refs.put(m.group(2), target);
        }
        return refs;
    }

    private static String rewrite(String name, String content, Map<String, String> refs, Map<String, String> hashedNames) {
        String result = content;
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            String literal = ref.getKey();
            String hashedLiteral = literal.substring(0, literal.lastIndexOf('/') + 1)
                    + Path.of(hashedNames.get(ref.getValue())).getFileName();
            result = result.replace("'" + literal + "'", "'" + hashedLiteral + "'")
                    .replace("\"" + literal + "\"", "\"" + hashedLiteral + "\"");
        }
        return result;
    }

    static String resolve(String from, String relative) {
        Path base = Path.of(from).getParent();
        return (base == null ? Path.of(relative) : base.resolve(relative)).normalize().toString().replace('\\', '/');
    }

    static String hashedName(String name, String hash) {
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + "." + hash + name.substring(dot);
    }

    private static String manifest(Map<String, Asset> assets, List<String> styleGuides) {
        StringBuilder json = new StringBuilder("{\n  \"version\": 1,\n  \"styleGuides\": [");
        for (int i = 0; i < styleGuides.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(styleGuides.get(i)).append('"');
        }
        json.append("],\n  \"assets\": {");
        String separator = "\n";
        for (Asset asset : assets.values()) {
            json.append(separator).append("    \"").append(asset.name()).append("\": {\"url\": \"").append(asset.url())
                    .append("\", \"integrity\": \"").append(asset.integrity()).append("\"}");
            separator = ",\n";
        }
        return json.append("\n  }\n}\n").toString();
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
