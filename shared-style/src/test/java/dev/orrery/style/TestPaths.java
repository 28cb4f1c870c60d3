package dev.orrery.style;

import java.nio.file.Path;

/** Module and repository directories, from the basedir Maven passes in (or the working directory). */
final class TestPaths {

    private TestPaths() {
    }

    static Path moduleDir() {
        String dir = System.getProperty("orrery.module.dir");
        Path path = Path.of(dir == null || dir.isBlank() ? "" : dir).toAbsolutePath().normalize();
        if (!path.resolve("pom.xml").toFile().isFile() || !path.getFileName().toString().equals("shared-style")) {
            Path candidate = path.resolve("shared-style");
            if (candidate.resolve("pom.xml").toFile().isFile()) {
                return candidate;
            }
        }
        return path;
    }

    static Path repoRoot() {
        return moduleDir().getParent();
    }
}
