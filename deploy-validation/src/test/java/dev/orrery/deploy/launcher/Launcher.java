package dev.orrery.deploy.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of {@code ./orrery} in a clone-like folder, run as a process with its PostgreSQL on its own port and its
 * outside data folder under its own root ({@code ORRERY_PG_PORT}, {@code ORRERY_PG_ROOT}).
 */
record Launcher(Path folder, int port, Path outsideRoot) {

    record Result(int exitCode, String output) {
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(folder.resolve("orrery").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("orrery-launcher-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            // a surrounding ./orrery test must not hand its own state to this copy
            env.keySet().removeIf(name -> name.startsWith("ORRERY_") || name.startsWith("PG"));
            env.put("ORRERY_PG_PORT", Integer.toString(port));
            env.put("ORRERY_PG_ROOT", outsideRoot.toString());
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./orrery " + String.join(" ", args) + " did not finish in 3 minutes:\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
