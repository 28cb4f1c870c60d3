package dev.orrery.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged services started as real processes on the e2e ports (18080–18082; their management interfaces, /q/*,
 * on 19080–19082, see {@link #managementPort}), against the launcher's real
 * RabbitMQ cluster, PostgreSQL and Keycloak. Each run gets fresh databases and its own queues, so it neither sees
 * nor disturbs a platform started by {@code ./orrery up}. Started once per JVM, stopped at exit.
 */
public final class Platform {

    public static final int GATEWAY_PORT = 18080;
    public static final int TODO_PORT = 18081;
    public static final int PROFILE_PORT = 18082;
    public static final String SITE = "http://localhost:" + GATEWAY_PORT;
    /** todo-frontend's ProfileUpdated queue in e2e runs (v2: with delivery limit and dead-letter queue). */
    public static final String TODO_PROFILE_QUEUE = "todo-e2e.profile-events.v2";
    /** ProfileUpdated exchange of e2e runs: events of tests or a running platform never reach e2e's copies. */
    public static final String PROFILE_EXCHANGE = "orrery.profile.e2e";
    /** The packaged gateway requires a CSRF key (the same on every instance); a fixed one for the e2e platform. */
    public static final String GATEWAY_CSRF_KEY = "e2e-only-csrf-key-0123456789abcdef";

    private static final Path ROOT = Path.of(System.getProperty("orrery.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = ROOT.resolve("e2e-tests/target/e2e-logs");
    private static Platform instance;

    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> byModule = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> launchProperties = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private Platform() {
    }

    public static synchronized Platform start() {
        if (instance == null) {
            instance = new Platform();
            instance.boot();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public static Path root() {
        return ROOT;
    }

    private void boot() {
        try {
            Files.createDirectories(LOGS);
            recreateDatabases("todo_e2e", "profile_e2e");
            // Fresh databases restart profile versions at 1: a leftover event of an earlier run would look newer.
            purgeQueue(TODO_PROFILE_QUEUE);
            processes.add(launchRemembered("todo-frontend", TODO_PORT, Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5439/todo_e2e",
                    "mp.messaging.incoming.profile-events.queue.name", TODO_PROFILE_QUEUE,
                    "mp.messaging.incoming.profile-events.exchange.name", PROFILE_EXCHANGE)));
            processes.add(launchRemembered("profile-frontend", PROFILE_PORT, Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5439/profile_e2e",
                    "mp.messaging.outgoing.profile-events.exchange.name", PROFILE_EXCHANGE)));
            processes.add(launchRemembered("bff-gateway", GATEWAY_PORT, Map.of(
                    "gateway.frontends.todo.url", "http://localhost:" + TODO_PORT,
                    "gateway.frontends.profile.url", "http://localhost:" + PROFILE_PORT,
                    "mp.messaging.incoming.profile-events.exchange.name", PROFILE_EXCHANGE,
                    "gateway.csrf.key", GATEWAY_CSRF_KEY,
                    "gateway.origins", SITE)));
            for (int port : new int[] { TODO_PORT, PROFILE_PORT, GATEWAY_PORT }) {
                awaitReady(port, Duration.ofSeconds(90));
            }
            warmUp();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("platform did not start; see logs in " + LOGS, e);
        }
    }

    /**
     * A freshly started JVM answers its first requests slowly (class loading, first queries); a deploy would smoke-test
     * it before taking traffic, and so do the tests, so that fragment budgets measure the service, not the JIT.
     */
    private static void warmUp() {
        String token = Keycloak.accessToken("bob");
        for (String url : List.of("http://localhost:" + TODO_PORT + "/fragments/list",
                "http://localhost:" + PROFILE_PORT + "/fragments/badge")) {
            for (int i = 0; i < 3; i++) {
                io.restassured.RestAssured.given().auth().oauth2(token).get(url).then().statusCode(200);
            }
        }
    }

    static void recreateDatabases(String... names) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5439/postgres", "orrery", "orrery");
                Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + name + " OWNER orrery");
            }
        }
    }

    private Process launchRemembered(String module, int port, Map<String, String> properties) throws IOException {
        Process process = launch(module, port, properties);
        byModule.put(module, process);
        launchProperties.put(module, properties);
        ports.put(module, port);
        return process;
    }

    /** Stops one of the started services (e.g. to prove another keeps working); {@link #startService} brings it back. */
    public static synchronized void stopService(String module) throws InterruptedException {
        Process process = start().byModule.remove(module);
        if (process != null) {
            instance.processes.remove(process);
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Starts a service stopped by {@link #stopService} again, with the same settings, and waits until it is ready. */
    public static synchronized void startService(String module) throws IOException, InterruptedException {
        Platform platform = start();
        if (!platform.byModule.containsKey(module)) {
            int port = platform.ports.get(module);
            platform.processes.add(platform.launchRemembered(module, port, platform.launchProperties.get(module)));
            awaitReady(port, Duration.ofSeconds(90));
        }
    }

    /** Empties a queue through the management API; a queue that does not exist yet is fine. */
    static void purgeQueue(String queue) throws IOException, InterruptedException {
        String auth = java.util.Base64.getEncoder().encodeToString("orrery:orrery".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:15681/api/queues/%2F/" + queue + "/contents"))
                .header("Authorization", "Basic " + auth).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("could not purge " + queue + ": HTTP " + response.statusCode());
        }
    }

    /** The port of the management interface (/q/health, /q/metrics, /q/openapi) of a service on {@code port}. */
    public static int managementPort(int port) {
        return port + 1000;
    }

    /** {@code http://localhost:<management port>} of a service on {@code port}. */
    public static String managementUrl(int port) {
        return "http://localhost:" + managementPort(port);
    }

    static Process launch(String module, int port, Map<String, String> properties) throws IOException {
        return launch(ROOT.resolve(module).resolve("target/quarkus-app"), module, port, properties);
    }

    /**
     * Starts a packaged Quarkus application from any {@code quarkus-app} folder (e.g. a copy with another library),
     * logging to {@code e2e-logs/<logName>.log}.
     */
    static Process launch(Path quarkusApp, String logName, int port, Map<String, String> properties) throws IOException {
        Path jar = quarkusApp.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the module first");
        }
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("quarkus.management.port", String.valueOf(managementPort(port)));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(logName + ".log").toFile())
                .start();
    }

    /** Waits until the service on {@code port} is ready (on its management port). */
    static void awaitReady(int port, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(managementUrl(port) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("service on port " + port + " not ready within " + timeout);
    }

    private void stop() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
