package dev.orrery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The build's module boundaries really bite: a copy of a module's pom that adds a forbidden Orrery dependency fails
 * Maven's validate phase with the boundary message, and the unchanged copy passes. Runs after the reactor has
 * installed the modules (./orrery test runs {@code install}).
 */
class ModuleBoundariesIT {

    private static final Path PROBES = Platform.root().resolve("e2e-tests/target/boundary-probes");

    @ParameterizedTest(name = "{0} may not depend on {1}")
    @CsvSource({
            "todo-frontend, profile-frontend",
            "todo-frontend, bff-gateway",
            "profile-frontend, todo-frontend",
            "profile-frontend, bff-gateway",
            "api-contracts, todo-frontend",
            "shared-style, api-contracts",
    })
    void forbiddenDependencyFailsTheBuild(String module, String forbidden) throws Exception {
        Path probe = probe(module, module + "-needs-" + forbidden, """
                    <dependency>
                      <groupId>dev.orrery</groupId>
                      <artifactId>%s</artifactId>
                      <version>${project.version}</version>
                      <type>pom</type>
                    </dependency>
                """.formatted(forbidden));
        Result result = validate(probe);
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("BannedDependencies"), result.output());
        assertTrue(result.output().contains("dev.orrery:" + forbidden), result.output());
    }

    @ParameterizedTest(name = "{0} as it is passes")
    @CsvSource({ "todo-frontend", "profile-frontend", "api-contracts" })
    void unchangedModulePasses(String module) throws Exception {
        Result result = validate(probe(module, module + "-as-is", ""));
        assertEquals(0, result.exitCode(), result.output());
    }

    /** A copy of the module's pom in its own folder, with extra dependencies inserted. */
    private static Path probe(String module, String name, String extraDependencies) throws IOException {
        String pom = Files.readString(Platform.root().resolve(module).resolve("pom.xml"));
        String parentPath = "<relativePath>" + PROBES.resolve(name).relativize(Platform.root().resolve("pom.xml"))
                + "</relativePath>";
        pom = pom.replaceFirst("</version>\\s*</parent>", "</version>" + parentPath + "</parent>")
                .replaceFirst("<artifactId>" + module + "</artifactId>", "<artifactId>" + name + "</artifactId>");
        pom = pom.contains("<dependencies>")
                ? pom.replaceFirst("<dependencies>", Matcher.quoteReplacement("<dependencies>\n" + extraDependencies))
                : pom.replaceFirst("<build>",
                        Matcher.quoteReplacement("<dependencies>\n" + extraDependencies + "</dependencies>\n<build>"));
        Path dir = Files.createDirectories(PROBES.resolve(name));
        Files.writeString(dir.resolve("pom.xml"), pom);
        return dir;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result validate(Path probe) throws Exception {
        Path log = probe.resolve("validate.log");
        Process process = new ProcessBuilder(Platform.root().resolve("mvnw").toString(), "-B", "-q", "validate",
                "-f", probe.resolve("pom.xml").toString())
                .directory(Platform.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("maven validate did not finish: " + log);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
