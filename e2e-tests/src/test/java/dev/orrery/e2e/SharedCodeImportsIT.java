package dev.orrery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The browser half of the module boundaries (Maven's enforcer guards the Java half): a front-end's scripts and
 * templates load code only from themselves or from shared-style ({@code /orrery/...}), never from another
 * front-end, the gateway or a foreign server.
 */
class SharedCodeImportsIT {

    /** ES module imports, dynamic imports, script and stylesheet sources. */
    private static final Pattern CODE_REFERENCE = Pattern.compile(
            "(?:\\bimport\\s*(?:[\\w{}*,\\s]+\\s+from\\s*)?\\(?\\s*|<script[^>]*\\bsrc\\s*=\\s*|<link[^>]*\\bhref\\s*=\\s*)[\"']([^\"']+)[\"']");

    @ParameterizedTest(name = "{0} loads code only from /{1}/ and shared-style")
    @CsvSource({ "todo-frontend, todo", "profile-frontend, profile" })
    void frontEndLoadsCodeOnlyFromItselfAndSharedStyle(String module, String ownPrefix) throws IOException {
        Path resources = Platform.root().resolve(module).resolve("src/main/resources");
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(js|mjs|html)$")).toList()) {
                Matcher m = CODE_REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1);
                    if (!allowed(target, ownPrefix)) {
                        offending.add(resources.relativize(file) + " -> " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), offending, "code loaded from outside the front-end and shared-style");
    }

    @org.junit.jupiter.api.Test
    void theCheckCatchesForeignReferences() {
        String sample = """
                import { x } from '/profile/assets/profile.js';
                import '/orrery/widgets/orrery-timer.1a2b.js';
                const m = await import("https://cdn.example/lib.js");
                <script type="module" src="/todo/assets/todo-live.js"></script>
                <link rel="stylesheet" href="/gateway/site.css">
                """;
        List<String> refused = new ArrayList<>();
        Matcher m = CODE_REFERENCE.matcher(sample);
        while (m.find()) {
            if (!allowed(m.group(1), "todo")) {
                refused.add(m.group(1));
            }
        }
        assertEquals(List.of("/profile/assets/profile.js", "https://cdn.example/lib.js", "/gateway/site.css"), refused);
    }

    static boolean allowed(String target, String ownPrefix) {
        if (target.startsWith("{")) {
            return true; // a Qute expression: the URL comes from StyleAssets or the front-end's own config
        }
        if (target.startsWith("./")) {
            return !target.contains("..");
        }
        return target.startsWith("/" + ownPrefix + "/") || target.startsWith("/orrery/");
    }
}
