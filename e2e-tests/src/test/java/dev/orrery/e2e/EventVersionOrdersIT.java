package dev.orrery.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/**
 * A ProfileUpdated schema change (v1 → v2) deployed in either order, with the real packaged services on their own
 * ports, databases, exchange and queue (docs/events.md, "Versions and deploy order"):
 * <ul>
 * <li>consumer first: todo-frontend with the new reader runs; profile-frontend emits v1 (the previous producer's
 * shape), then is redeployed emitting v2: both reach todo's author copy, nothing is dead-lettered;</li>
 * <li>producer first: todo-frontend with the previous release's reader (v1 only) receives what the new
 * profile-frontend emits with {@code profile.events.schema=1}; then todo is upgraded and profile switched to v2.</li>
 * </ul>
 * todo's reader code asks {@code ProfileUpdated.isSupportedSchema} from its contract library, so each todo-frontend
 * here is the packaged one with a chosen api-contracts jar in place of its bundled copy: the freshly built one (new
 * reader), or that jar with {@code ProfileUpdated} as it was before schema 2, compiled from git history (previous
 * reader).
 */
class EventVersionOrdersIT {

    private static final int TODO_PORT = 18087;
    private static final int PROFILE_PORT = 18088;
    private static final String TODO_DB = "todo_versions_e2e";
    private static final String PROFILE_DB = "profile_versions_e2e";
    private static final String EXCHANGE = "orrery.profile.e2e-versions";
    private static final String QUEUE = "todo-versions-e2e.profile-events.v2";
    private static final String CONTRACTS_JAR = "dev.orrery.api-contracts-0.1.0-SNAPSHOT.jar";
    private static final Path PACKAGED_TODO = Platform.root().resolve("todo-frontend/target/quarkus-app");
    private static final Path NEW_CONTRACTS = Platform.root().resolve("api-contracts/target/api-contracts-0.1.0-SNAPSHOT.jar");
    /** The last commit with ProfileUpdated at schema 1 only. */
    private static final String V1_ERA_COMMIT = "1701e26";
    private static final String PROFILE_UPDATED_SOURCE = "api-contracts/src/main/java/dev/orrery/contracts/event/ProfileUpdated.java";
    private static final Path WORK = Platform.root().resolve("e2e-tests/target/event-versions");

    private final List<Process> running = new ArrayList<>();
    private Process todo;
    private Process profile;

    @BeforeEach
    void freshState() throws Exception {
        Platform.recreateDatabases(TODO_DB, PROFILE_DB);
        Platform.purgeQueue(QUEUE);
        Platform.purgeQueue(QUEUE + ".dlq");
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : running) {
            stop(p);
        }
        running.clear();
    }

    @Test
    void consumerFirstNewReaderTakesV1ThenV2() throws Exception {
        todo = startTodo(newReaderTodo(), "todo-new-reader");
        profile = startProfile(1);
        String alice = userId("alice");
        assertReaches(rename("alice", "Alice v1 " + suffix()), 1);

        stop(profile);
        profile = startProfile(2);
        assertReaches(rename("alice", "Alice v2 " + suffix()), 2);
        assertEquals(0, deadLettered(), "nothing dead-lettered");
        assertTrue(TodoAuthorCopy.displayName(TODO_DB, alice).startsWith("Alice v2"));
    }

    @Test
    void producerFirstPreviousReaderTakesTheNewProducersV1ThenBothMoveToV2() throws Exception {
        todo = startTodo(previousReaderTodo(), "todo-previous-reader");
        profile = startProfile(1);
        userId("alice");
        assertReaches(rename("alice", "Alice expand " + suffix()), 1);

        stop(todo);
        todo = startTodo(newReaderTodo(), "todo-new-reader");
        stop(profile);
        profile = startProfile(2);
        assertReaches(rename("alice", "Alice v2 " + suffix()), 2);
        assertEquals(0, deadLettered(), "nothing dead-lettered");
    }

    // --- the services ---

    private Process startTodo(Path app, String logName) throws Exception {
        Process p = Platform.launch(app, logName, TODO_PORT, Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5439/" + TODO_DB,
                "mp.messaging.incoming.profile-events.queue.name", QUEUE,
                "mp.messaging.incoming.profile-events.exchange.name", EXCHANGE));
        running.add(p);
        Platform.awaitReady(TODO_PORT, Duration.ofSeconds(90));
        return p;
    }

    private Process startProfile(int schema) throws Exception {
        Process p = Platform.launch(Platform.root().resolve("profile-frontend/target/quarkus-app"),
                "profile-schema-" + schema, PROFILE_PORT, Map.of(
                        "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5439/" + PROFILE_DB,
                        "mp.messaging.outgoing.profile-events.exchange.name", EXCHANGE,
                        "profile.events.schema", String.valueOf(schema)));
        running.add(p);
        Platform.awaitReady(PROFILE_PORT, Duration.ofSeconds(90));
        return p;
    }

    private void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** The packaged todo-frontend with the freshly built api-contracts jar in place of its bundled copy. */
    private static Path newReaderTodo() throws IOException {
        assertTrue(readsSchema2(NEW_CONTRACTS), NEW_CONTRACTS + " reads schema 2 (install api-contracts first)");
        return todoWith(NEW_CONTRACTS, "todo-new-reader");
    }

    /** The same with ProfileUpdated of the v1 era (compiled from git history): a reader of the previous release. */
    private static Path previousReaderTodo() throws Exception {
        Path sources = WORK.resolve("v1-era-src");
        Path classes = WORK.resolve("v1-era-classes");
        delete(sources);
        delete(classes);
        Path source = sources.resolve("dev/orrery/contracts/event/ProfileUpdated.java");
        Files.createDirectories(source.getParent());
        Process git = new ProcessBuilder("git", "-C", Platform.root().toString(), "show",
                V1_ERA_COMMIT + ":" + PROFILE_UPDATED_SOURCE).redirectOutput(source.toFile()).start();
        Assumptions.assumeTrue(git.waitFor() == 0, "git history with " + V1_ERA_COMMIT + " is needed (not a shallow clone)");
        Files.createDirectories(classes);
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
        assertEquals(0, compiled, "v1-era ProfileUpdated compiles");
        Path jar = WORK.resolve("api-contracts-v1-reader.jar");
        Files.createDirectories(WORK);
        Files.copy(NEW_CONTRACTS, jar, StandardCopyOption.REPLACE_EXISTING);
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
            String entry = "dev/orrery/contracts/event/ProfileUpdated.class";
            Files.copy(classes.resolve(entry), zip.getPath(entry), StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(!readsSchema2(jar) && readsSchema1(jar), "the previous reader takes v1 only");
        return todoWith(jar, "todo-previous-reader");
    }

    private static Path todoWith(Path contractsJar, String name) throws IOException {
        Path copy = WORK.resolve(name);
        delete(copy);
        try (Stream<Path> files = Files.walk(PACKAGED_TODO)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(PACKAGED_TODO.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.copy(contractsJar, copy.resolve("lib/main").resolve(CONTRACTS_JAR), StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path f : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static boolean readsSchema2(Path contractsJar) {
        return reads(contractsJar, 2);
    }

    private static boolean readsSchema1(Path contractsJar) {
        return reads(contractsJar, 1);
    }

    /** Asks the contract library itself, in its own class loader, whether it reads that schema version. */
    private static boolean reads(Path contractsJar, int schema) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] { contractsJar.toUri().toURL() }, null)) {
            return (boolean) loader.loadClass("dev.orrery.contracts.event.ProfileUpdated")
                    .getMethod("isSupportedSchema", int.class).invoke(null, schema);
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot read " + contractsJar, e);
        }
    }

    // --- user actions and what they lead to ---

    private static String userId(String user) {
        return given().auth().oauth2(Keycloak.accessToken(user)).get("http://localhost:" + PROFILE_PORT + "/api/profile")
                .then().statusCode(200).extract().path("userId");
    }

    private static String rename(String user, String name) {
        given().auth().oauth2(Keycloak.accessToken(user)).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "styleGuide", "daylight", "timeZone", "Europe/Berlin"))
                .put("http://localhost:" + PROFILE_PORT + "/api/profile").then().statusCode(200);
        return name;
    }

    /** The rename reached todo's author copy, and profile sent it in that schema version. */
    private static void assertReaches(String name, int schema) throws Exception {
        String userId = userId("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> name.equals(TodoAuthorCopy.displayName(TODO_DB, userId)));
        assertEquals(schema, emittedSchema(name), "schema of the event that carried " + name);
    }

    private static int emittedSchema(String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5439/" + PROFILE_DB, "orrery", "orrery");
                PreparedStatement s = c.prepareStatement(
                        "SELECT payload FROM outbox_event WHERE payload LIKE ? AND sent_at IS NOT NULL ORDER BY id DESC")) {
            s.setString(1, "%" + name + "%");
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "a sent outbox row carries " + name);
                return new ObjectMapper().readTree(rs.getString(1)).path("schema").asInt();
            }
        }
    }

    private static long deadLettered() throws Exception {
        String auth = Base64.getEncoder().encodeToString("orrery:orrery".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:15681/api/queues/%2F/" + QUEUE + ".dlq"))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 404 ? 0 : new ObjectMapper().readTree(response.body()).path("messages").asLong();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
