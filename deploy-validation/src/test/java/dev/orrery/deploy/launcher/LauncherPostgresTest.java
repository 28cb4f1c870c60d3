package dev.orrery.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's PostgreSQL part run for real ({@code ./orrery up postgres}, {@code status}, {@code psql},
 * {@code down --purge}) from a copy of the launcher in a clone-like folder, as root, the way most people clone: inside
 * root's 0700 home folder, which the postgres OS user (who runs initdb and pg_ctl) cannot traverse. Each test starts
 * a second cluster on a free port with its own state, and an outside folder under a temporary root instead of
 * /var/lib/orrery; the platform's PostgreSQL on 5439 is not touched.
 */
class LauncherPostgresTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private Path home;
    private Path clone;
    private Path outsideRoot;
    private Launcher launcher;

    @BeforeEach
    void cloneInAPrivateHome() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "the postgres OS user only matters for root");
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/pg_ctl")), "PostgreSQL 15 (./orrery up installs it)");
        home = Files.createTempDirectory("orrery-home-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        clone = home.resolve("orrery");
        copy(REPO.resolve("orrery"), clone.resolve("orrery"));
        copy(REPO.resolve("deploy/local"), clone.resolve("deploy/local"));
        outsideRoot = Path.of(System.getProperty("java.io.tmpdir"), "orrery-pg-test-" + UUID.randomUUID());
        launcher = new Launcher(clone, freePort(), outsideRoot);
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (launcher != null) {
            launcher.run("down", "--purge", "postgres");
            deleteTree(home);
            deleteTree(outsideRoot);
        }
    }

    @Test
    void aCloneThePostgresUserCannotReachGetsItsClusterOutsideTheClone() throws Exception {
        Launcher.Result up = launcher.run("up", "postgres");
        assertEquals(0, up.exitCode(), up.output());
        assertTrue(up.output().contains("up (127.0.0.1:" + launcher.port()), up.output());

        Path data = onlyFolderIn(outsideRoot).resolve("postgres");
        assertTrue(Files.exists(data.resolve("PG_VERSION")), "cluster in " + data);
        assertTrue(onlyFolderIn(outsideRoot).getFileName().toString().startsWith("orrery-"), "named after the clone");
        assertFalse(Files.exists(clone.resolve(".orrery/data/postgres/PG_VERSION")), "no cluster inside the clone");
        assertTrue(Files.isSymbolicLink(clone.resolve(".orrery/logs/postgres.log")), "the server log is linked");

        Launcher.Result status = launcher.run("status");
        assertTrue(status.output().contains("127.0.0.1:" + launcher.port() + " (pg_isready: accepting connections), data "
                + data), status.output());
        Launcher.Result psql = launcher.run("psql", "profile", "-Atc", "SELECT current_user");
        assertEquals(0, psql.exitCode(), psql.output());
        assertTrue(psql.output().contains("orrery"), psql.output());

        Launcher.Result down = launcher.run("down", "--purge", "postgres");
        assertEquals(0, down.exitCode(), down.output());
        assertFalse(Files.exists(data.getParent()), "--purge deletes the outside folder: " + down.output());
        assertFalse(listening(launcher.port()), "stopped");
    }

    @Test
    void aReachableCloneKeepsItsClusterInsideAndAClusterThatBecameUnreachableStopsWithWhatToDo() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Launcher.Result up = launcher.run("up", "postgres");
        assertEquals(0, up.exitCode(), up.output());
        assertTrue(Files.exists(clone.resolve(".orrery/data/postgres/PG_VERSION")), up.output());
        assertFalse(Files.exists(outsideRoot), "nothing outside the clone");
        assertEquals(0, launcher.run("down", "postgres").exitCode());

        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Launcher.Result refused = launcher.run("up", "postgres");
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("the postgres OS user cannot reach " + clone.resolve(".orrery/data/postgres")),
                refused.output());
        assertTrue(refused.output().contains("chmod o+x") && refused.output().contains("./orrery down --purge"),
                refused.output());
        assertFalse(listening(launcher.port()), "nothing started");
    }

    private static Path onlyFolderIn(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> folders = entries.filter(Files::isDirectory).toList();
            assertEquals(1, folders.size(), "one folder for the clone in " + dir + ": " + folders);
            return folders.get(0);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                if (!Files.isDirectory(source)) {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
