package dev.orrery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./orrery deploy} and {@code rollback} under load, on an isolated copy of the platform that the launcher itself
 * starts (its own ports 38080–38094, state folder, databases, exchanges and queues; the shared RabbitMQ, PostgreSQL
 * and Keycloak). While pages are viewed, todos written through the gateway, live sockets open through the gateway's
 * WebSocket proxy and a user renames themself (ProfileUpdated in flight from profile to todo), a front-end is
 * replaced: no page or write fails, no live update is lost or doubled, every profile change is applied once, the new
 * version is served and seen by the gateway, and no other process restarts. One deploy runs the launcher's own build
 * (from a clean clone of HEAD); the abandoned deploys also prove the one-deploy-at-a-time lock. Writes a report
 * (latencies before and during each deploy) for bench/deploy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {

    static final int GATEWAY = 38080;
    static final String SITE = "http://localhost:" + GATEWAY;
    private static final Path ROOT = Platform.root();
    private static final Path STATE = ROOT.resolve("e2e-tests/target/deploy-state");
    private static final Path REPORT = ROOT.resolve("e2e-tests/target/deploy-report.txt");
    private static final Path SOURCE = ROOT.resolve("e2e-tests/target/deploy-source");
    private static final Path LOCK = STATE.resolve("locks/todo-frontend.deploy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TODO_DB = "todo_deploy_e2e";
    private static final String TODO_QUEUE = "todo-deploy-e2e.profile-events.v2";
    /** ProfileUpdated of this stack only: neither a running platform's nor other tests' events reach it, nor its theirs. */
    private static final String PROFILE_EXCHANGE = "orrery.profile.deploy-e2e";
    /**
     * Seconds todo's old instance may keep sessions before the edge closes them: only live sockets are left by then
     * (they never end by themselves; pages and writes finish within a second), so the default 10 s only costs time.
     */
    private static final String DRAIN = "4";

    private static final List<DeployVisitor> readers = new ArrayList<>();
    private static DeployVisitor alice;
    private static DeployVisitor bob;
    /** The demo admin: /admin/frontends needs the realm role orrery-admin, which alice and bob don't have. */
    private static DeployVisitor admin;
    private static String initialTodoVersion;

    @BeforeAll
    static void startIsolatedPlatform() throws Exception {
        Files.createDirectories(STATE);
        Files.writeString(REPORT, "");
        orrery(Map.of(), "down", "services", "edge");   // leftovers of an interrupted run
        deleteRecursively(STATE);
        Platform.recreateDatabases(TODO_DB, "profile_deploy_e2e");
        // deleted, not purged: it is declared again with this stack's binding only; its dead letters with it
        DeployProfileUpdates.deleteQueue(TODO_QUEUE);
        DeployProfileUpdates.deleteQueue(TODO_QUEUE + ".dlq");
        Run up = orrery(Map.of(), "up", "--no-build", "edge", "services");
        assertEquals(0, up.exit(), up.output());
        warmUp("http://localhost:38081/fragments/list", "http://localhost:38082/fragments/badge");
        alice = DeployVisitor.logIn(SITE, "alice");
        bob = DeployVisitor.logIn(SITE, "bob");
        admin = DeployVisitor.logIn(SITE, "ada");
        readers.add(alice);
        readers.add(bob);
        readers.add(DeployVisitor.logIn(SITE, "alice"));
        // bob's one todo: each of his profile changes re-renders it, one live frame per change
        assertEquals(201, bob.postJson("/api/todos", "{\"text\":\"carries bob's name\"}").statusCode());
        initialTodoVersion = manifestVersion(38081);
        // warm the JIT of gateway and instances a little, as a real deploy would before taking traffic
        for (int i = 0; i < 20; i++) {
            alice.get("/");
        }
    }

    @AfterAll
    static void stopIsolatedPlatform() throws Exception {
        orrery(Map.of(), "down", "services", "edge");
    }

    @Test
    @Order(1)
    void todoFrontendIsReplacedUnderLoadWithoutAFailedRequest() throws Exception {
        deployUnderLoad("todo-frontend", 38081, "todo", "2.0.0-e2e", "t1",
                "deploy", "--no-build", "--version", "2.0.0-e2e", "--drain-timeout", DRAIN, "todo-frontend");
    }

    @Test
    @Order(2)
    void abandonedDeploysLeaveTheOldInstanceServingAndOnlyOneDeployRunsAtATime() throws Exception {
        Map<String, String> pidsBefore = pids();
        String versionBefore = manifestVersion(38081);
        Run crashes;
        Run second;
        Run neverReady;
        String lockHolder;
        DeployLoad load = new DeployLoad(readers, alice, 2);
        try (load) {
            DeployLoad.pause(2000);
            // no database: Flyway fails, the instance exits during start-up
            CompletableFuture<Run> crashing = inBackground(Map.of("ORRERY_DEPLOY_EXTRA_OPTS",
                    "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:1/none"),
                    "deploy", "--no-build", "--version", "9.9.9-broken", "--ready-timeout", "30", "todo-frontend");
            lockHolder = awaitLockHolder();
            // meanwhile a second deploy of the same front-end fails at once, naming the running one
            second = orrery(Map.of(), "deploy", "--no-build", "todo-frontend");
            crashes = crashing.get(3, TimeUnit.MINUTES);
            // a lock left by a deploy that died (its process is gone) is detected and taken over
            String deadPid = deadProcessId();
            Files.writeString(LOCK, deadPid + " 1 2026-11-25T00:00:00Z ./orrery deploy todo-frontend\n");
            // no broker: the instance runs but its readiness never turns green
            neverReady = orrery(Map.of("ORRERY_DEPLOY_EXTRA_OPTS", "-Drabbitmq-addresses=127.0.0.1:1"),
                    "deploy", "--no-build", "--version", "9.9.9-broken", "--ready-timeout", "20", "todo-frontend");
            assertTrue(neverReady.output().contains("taking over a stale lock of todo-frontend: pid " + deadPid),
                    neverReady.output());
            DeployLoad.pause(2000);
        }
        report("abandoned todo-frontend deploys (crash, never ready)", neverReady, load, 0, 0);
        assertNotEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("another deploy or rollback of todo-frontend is running: pid " + lockHolder),
                second.output());
        assertTrue(second.output().contains("--ready-timeout 30 todo-frontend"), "names the running command: " + second.output());
        assertFalse(second.output().contains("new instance"), "the second deploy did nothing: " + second.output());
        assertFalse(Files.exists(LOCK), "the lock is released when a deploy ends, also when it is abandoned");
        for (Run run : List.of(crashes, neverReady)) {
            assertNotEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("ABANDONED"), run.output());
            assertTrue(run.output().matches("(?s).*todo-frontend-(green|blue)\\.log.*"), run.output());
        }
        assertTrue(crashes.output().contains("exited during start-up"), crashes.output());
        assertTrue(neverReady.output().contains("did not become ready"), neverReady.output());
        assertClean(load);
        assertEquals(versionBefore, manifestVersion(38081));
        assertEquals(pidsBefore, pids(), "the old instance (and everything else) kept running");
    }

    /**
     * The deploy a feature team runs: no --no-build, no --version. The launcher builds profile-frontend with what it
     * depends on, and nothing else, from a clean clone of HEAD (so the shared working tree's target folders, which
     * other tests run from, are not rewritten), and the new instance announces that build's version and commit.
     */
    @Test
    @Order(3)
    void profileFrontendIsBuiltAloneAndReplacedUnderLoadWithoutAFailedRequest() throws Exception {
        deleteRecursively(SOURCE);
        git(ROOT, "clone", "-q", "--shared", ROOT.toString(), SOURCE.toString());
        String commit = git(SOURCE, "rev-parse", "HEAD");
        String expected = projectVersion(SOURCE) + "+g" + git(SOURCE, "rev-parse", "--short", "HEAD");
        Run run = deployUnderLoad("profile-frontend", 38082, "profile", expected, "p3",
                "deploy", "--source", SOURCE.toString(), "profile-frontend");
        assertTrue(run.output().contains("build (modules: orrery-parent api-contracts shared-style profile-frontend)"),
                "built profile-frontend and what it depends on, nothing else: " + run.output());
        var fragment = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:38082/fragments/badge"))
                .header("Authorization", "Bearer " + Keycloak.accessToken("alice")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, fragment.headers().firstValue("X-Orrery-Version").orElse(null), "fragment header");
        String release = Files.readString(activeRelease("profile", "profile-frontend").resolve("release.env"));
        assertTrue(release.contains("BUILT_FROM=" + commit + "\n"), release);
        assertTrue(release.contains("SOURCE=" + SOURCE + "\n"), release);
    }

    @Test
    @Order(4)
    void rollbackBringsBackThePreviousTodoReleaseUnderLoad() throws Exception {
        deployUnderLoad("todo-frontend", 38081, "todo", initialTodoVersion, "t4",
                "rollback", "--drain-timeout", DRAIN, "todo-frontend");
    }

    /** @param label names this run's profile changes (see {@link DeployProfileUpdates}) */
    private static Run deployUnderLoad(String module, int edgePort, String name, String version, String label,
            String... args) throws Exception {
        Map<String, String> othersBefore = otherPids(module);
        Run run;
        long deployStart;
        long deployEnd;
        DeployLoad load = new DeployLoad(readers, alice, 3);
        DeployProfileUpdates renames = new DeployProfileUpdates(bob, TODO_DB, TODO_QUEUE, label);
        try (load; renames) {
            DeployLoad.pause(4000);
            deployStart = System.nanoTime();
            run = orrery(Map.of("MAVEN_ARGS", "-o"), args);
            deployEnd = System.nanoTime();
            DeployLoad.pause(2000);
        }
        report(String.join(" ", args), run, load, deployStart, deployEnd, renames);
        assertEquals(0, run.exit(), run.output());
        assertClean(load);
        assertEachAppliedOnce(renames);
        assertEquals(version, manifestVersion(edgePort));
        assertEquals(othersBefore, otherPids(module), "no other process restarted");
        assertTrue(run.output().contains("no other process restarted"), run.output());
        awaitGatewaySees(name, version);
        return run;
    }

    /**
     * Every rename was applied by the old or the new todo instance exactly once: its event id recorded once, the author
     * copy at the last version, and the re-rendered card for each name on the user's socket once, none lost or doubled.
     */
    private static void assertEachAppliedOnce(DeployProfileUpdates renames) throws Exception {
        List<DeployProfileUpdates.Update> updates = List.copyOf(renames.updates);
        assertTrue(updates.size() > 5, "profile changes made: " + updates.size());
        assertEquals(List.of(), renames.failed(), "profile changes that failed or never reached todo-frontend");
        DeployProfileUpdates.Update last = updates.get(updates.size() - 1);
        DeployProfileUpdates.TodoCopy copy = renames.todoCopy();
        assertEquals(last.name(), copy.displayName());
        assertEquals(last.version(), copy.version());
        assertEquals(renames.before.processedEvents() + updates.size(), copy.processedEvents(), "events processed");
        assertEquals(List.of(), renames.namesNotSeenOnce(), "names whose card did not arrive exactly once");
        assertEquals(List.of(), renames.socket.lost(), "live updates lost (closes: " + renames.socket.closes + ")");
        assertEquals(0, renames.socket.duplicates.get(), "live updates doubled");
        assertEquals(0, renames.socket.resets.get(), "catch-up fell back to a reset");
    }

    private static void assertClean(DeployLoad load) {
        assertTrue(load.pages.size() > 20, "page views made: " + load.pages.size());
        assertTrue(load.writes.size() > 10, "todo writes made: " + load.writes.size());
        assertEquals(List.of(), load.failedPages().stream().map(DeployLoad.Sample::problem).toList(), "failed page views");
        assertEquals(List.of(), load.failedWrites().stream().map(DeployLoad.Sample::problem).toList(), "failed todo writes");
        for (DeployLoad.LiveWatcher socket : load.sockets) {
            assertTrue(socket.finalSeq > socket.startSeq, "the socket saw the writes");
            assertEquals(List.of(), socket.lost(), "live updates lost (closes: " + socket.closes + ")");
            assertEquals(0, socket.duplicates.get(), "live updates doubled");
            assertEquals(0, socket.resets.get(), "catch-up fell back to a reset");
        }
    }

    /** First requests of fresh JVMs are slow (class loading, first queries): a few straight to the front-ends first. */
    private static void warmUp(String... urls) throws Exception {
        String token = Keycloak.accessToken("bob");
        var http = java.net.http.HttpClient.newHttpClient();
        for (String url : urls) {
            for (int i = 0; i < 3; i++) {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    /** The gateway refreshes manifests every 5 s; its admin view (the admin role only) must name the new version. */
    private static void awaitGatewaySees(String frontend, String version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            JsonNode list = JSON.readTree(admin.get("/admin/frontends").body());
            for (JsonNode f : list) {
                if (f.get("name").asText().equals(frontend)) {
                    seen = f.get("version").asText();
                }
            }
            if (version.equals(seen)) {
                return;
            }
            DeployLoad.pause(500);
        }
        throw new AssertionError("gateway still composes " + frontend + " " + seen + ", expected " + version);
    }

    private static String manifestVersion(int port) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/.well-known/orrery/manifest.json")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("version").asText();
    }

    private static Path activeRelease(String name, String module) throws IOException {
        String slot = Files.readString(STATE.resolve("data/edge/" + name + ".slot")).trim();
        return Path.of(Files.readString(STATE.resolve("data/edge/" + module + "-" + slot + ".release")).trim());
    }

    /** The project's version in a checkout's root pom (the modules inherit it). */
    private static String projectVersion(Path checkout) throws IOException {
        var version = java.util.regex.Pattern.compile("<artifactId>orrery-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(checkout.resolve("pom.xml")));
        assertTrue(version.find(), "no version in " + checkout.resolve("pom.xml"));
        return version.group(1);
    }

    /** The process id of the deploy holding todo-frontend's lock, as soon as the lock exists. */
    private static String awaitLockHolder() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(LOCK)) {
                String holder = Files.readString(LOCK).split(" ")[0];
                if (!holder.isBlank()) {
                    return holder;
                }
            }
            DeployLoad.pause(50);
        }
        throw new AssertionError("the deploy never took its lock " + LOCK);
    }

    /** The id of a process that has just ended. */
    private static String deadProcessId() throws IOException, InterruptedException {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return String.valueOf(gone.pid());
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, git.waitFor(), "git " + String.join(" ", args) + ": " + out);
        return out;
    }

    private static Map<String, String> pids() throws IOException {
        Map<String, String> pids = new LinkedHashMap<>();
        try (var files = Files.list(STATE.resolve("pids"))) {
            for (Path f : files.sorted().toList()) {
                pids.put(f.getFileName().toString(), Files.readString(f).trim());
            }
        }
        return pids;
    }

    private static Map<String, String> otherPids(String module) throws IOException {
        Map<String, String> others = new LinkedHashMap<>(pids());
        others.keySet().removeIf(k -> k.startsWith(module + "-"));
        return others;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    record Run(int exit, String output) {
    }

    private static CompletableFuture<Run> inBackground(Map<String, String> env, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return orrery(env, args);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static Run orrery(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("orrery").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> e = builder.environment();
        e.put("ORRERY_STATE", STATE.toString());
        e.put("ORRERY_GATEWAY_PORT", "38080");
        e.put("ORRERY_TODO_PORT", "38081");
        e.put("ORRERY_PROFILE_PORT", "38082");
        e.put("ORRERY_TODO_BLUE_PORT", "38091");
        e.put("ORRERY_TODO_GREEN_PORT", "38093");
        e.put("ORRERY_PROFILE_BLUE_PORT", "38092");
        e.put("ORRERY_PROFILE_GREEN_PORT", "38094");
        e.put("ORRERY_EDGE_STATS_PORT", "38406");
        e.put("ORRERY_TODO_FRONTEND_OPTS", "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5439/" + TODO_DB
                + " -Dmp.messaging.incoming.profile-events.queue.name=" + TODO_QUEUE
                + " -Dmp.messaging.incoming.profile-events.exchange.name=" + PROFILE_EXCHANGE
                + " -Dmp.messaging.incoming.todo-changes.exchange.name=orrery.todo.changes.deploy-e2e"
                + " -Dmp.messaging.outgoing.todo-changes-out.exchange.name=orrery.todo.changes.deploy-e2e");
        e.put("ORRERY_PROFILE_FRONTEND_OPTS", "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5439/profile_deploy_e2e"
                + " -Dmp.messaging.outgoing.profile-events.exchange.name=" + PROFILE_EXCHANGE);
        e.put("ORRERY_BFF_GATEWAY_OPTS", "-Dmp.messaging.incoming.profile-events.exchange.name=" + PROFILE_EXCHANGE);
        e.put("ORRERY_SERVICE_JAVA_OPTS", "");
        e.putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        System.out.println("$ ./orrery " + String.join(" ", args) + "\n" + output);
        return new Run(process.exitValue(), output);
    }

    private static void report(String what, Run run, DeployLoad load, long start, long end, DeployProfileUpdates renames)
            throws IOException {
        report(what, run, load, start, end);
        Files.writeString(REPORT, renames.summary() + "\n" + socketLine(renames.socket) + "\n\n", StandardOpenOption.APPEND);
        System.out.println(renames.summary());
    }

    private static String socketLine(DeployLoad.LiveWatcher s) {
        return String.format("socket: seq %d..%d, frames %d, lost %d, doubled %d, resets %d, reconnects %d, closes %s",
                s.startSeq, s.finalSeq, s.seen.size(), s.lost().size(), s.duplicates.get(), s.resets.get(),
                s.reconnects.get(), s.closes);
    }

    private static void report(String what, Run run, DeployLoad load, long start, long end) throws IOException {
        StringBuilder out = new StringBuilder("== " + what + " (exit " + run.exit() + ")\n");
        if (start > 0) {
            out.append(String.format("page views before: %s%npage views during: %s%ntodo writes during: %s%n",
                    stats(load.pages, Long.MIN_VALUE, start), stats(load.pages, start, end), stats(load.writes, start, end)));
        }
        out.append(String.format("all page views: %d (%d failed), todo writes: %d (%d failed)%n", load.pages.size(),
                load.failedPages().size(), load.writes.size(), load.failedWrites().size()));
        long origin = start > 0 ? start : load.pages.stream().mapToLong(DeployLoad.Sample::startNanos).min().orElse(0);
        load.failedPages().stream().limit(3).forEach(f -> out.append("failed page view ").append(offset(f, origin))
                .append(": ").append(f.problem()).append('\n'));
        load.failedWrites().stream().limit(3).forEach(f -> out.append("failed write ").append(offset(f, origin))
                .append(": ").append(f.problem()).append('\n'));
        load.pages.stream().sorted(java.util.Comparator.comparingLong(DeployLoad.Sample::nanos).reversed()).limit(3)
                .forEach(p -> out.append(String.format("slow page view %s: %d ms%n", offset(p, origin),
                        TimeUnit.NANOSECONDS.toMillis(p.nanos()))));
        for (DeployLoad.LiveWatcher s : load.sockets) {
            out.append(socketLine(s)).append('\n');
        }
        run.output().lines().filter(l -> l.contains("NEW VERSION SERVING") || l.contains(" done: ") || l.contains("ABANDONED")
                || l.contains("build (modules"))
                .forEach(l -> out.append(l.strip()).append('\n'));
        System.out.println(out);
        Files.writeString(REPORT, out + "\n", StandardOpenOption.APPEND);
    }

    /** When a sample started, relative to the deploy's start (or the load's). */
    private static String offset(DeployLoad.Sample sample, long origin) {
        return String.format("at %+.1fs", (sample.startNanos() - origin) / 1e9);
    }

    private static String stats(Iterable<DeployLoad.Sample> samples, long from, long to) {
        List<Long> ms = new ArrayList<>();
        int failed = 0;
        for (DeployLoad.Sample s : samples) {
            if (s.startNanos() >= from && s.startNanos() < to) {
                ms.add(TimeUnit.NANOSECONDS.toMillis(s.nanos()));
                failed += s.ok() ? 0 : 1;
            }
        }
        if (ms.isEmpty()) {
            return "none";
        }
        ms.sort(null);
        return String.format("n=%d failed=%d p50=%dms p99=%dms max=%dms", ms.size(), failed, ms.get(ms.size() / 2),
                ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1)), ms.get(ms.size() - 1));
    }
}
