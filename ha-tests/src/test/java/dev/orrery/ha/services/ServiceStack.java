package dev.orrery.ha.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged services as real processes on their own ports (28080+), wired to the fault-test cluster and their own
 * databases: gateway 28080 → todo edge 28081 (HAProxy) → todo-frontend a 28091 and b 28093; profile-frontend 28082.
 * The broker addresses (HAProxy pair or the three nodes) come from {@code ORRERY_RABBITMQ_ADDRESSES}, exactly as an
 * operator would set them. Each service's management interface (/q/health) listens on its port + 1000.
 */
final class ServiceStack implements AutoCloseable {

    static final int GATEWAY_PORT = 28080;
    static final int TODO_EDGE_PORT = 28081;
    static final int PROFILE_PORT = 28082;
    static final Map<String, Integer> TODO_INSTANCES = Map.of("a", 28091, "b", 28093);
    static final String SITE = "http://localhost:" + GATEWAY_PORT;
    static final String PROFILE_EXCHANGE = "orrery.profile.fault";
    static final String TODO_PROFILE_QUEUE = "todo-fault.profile-events.v2";

    private final Path root;
    private final Path logs;
    private final Path apps;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private TodoEdge edge;
    private String addresses;

    ServiceStack(Path root) {
        this.root = root;
        this.logs = root.resolve("ha-tests/target/fault-logs");
        this.apps = root.resolve("ha-tests/target/fault-apps");
    }

    void start(String brokerAddresses) throws Exception {
        Files.createDirectories(logs);
        for (String module : List.of("todo-frontend", "profile-frontend", "bff-gateway")) {
            copyPackagedApp(module);
        }
        addresses = brokerAddresses;
        edge = TodoEdge.start(root, logs, TODO_EDGE_PORT, 28406, TODO_INSTANCES.get("a"), TODO_INSTANCES.get("b"));
        // todo-a migrates the fresh database alone (two instances migrating at once under load timed out); then the rest
        running.put("todo-a", launch("todo-a"));
        awaitReady("todo-a", Duration.ofSeconds(120));
        List<String> names = List.of("todo-b", "profile", "gateway");
        for (String name : names) {
            running.put(name, launch(name));
        }
        for (String name : names) {
            awaitReady(name, Duration.ofSeconds(120));
        }
    }

    String brokerAddresses() {
        return addresses;
    }

    TodoEdge edge() {
        return edge;
    }

    String todoUrl() {
        return edge.url();
    }

    String profileUrl() {
        return "http://localhost:" + PROFILE_PORT;
    }

    /** kill -9: the process gets no chance to close anything (sockets drop without a close frame). */
    void kill(String name) throws InterruptedException {
        Process p = running.remove(name);
        if (p != null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then waits for the graceful shutdown (kill -9 after 30 s). */
    void stop(String name) throws InterruptedException {
        Process p = running.remove(name);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts a stopped or killed service again (with the current broker addresses) and waits until it is ready. */
    void startAgain(String name) throws Exception {
        running.put(name, launch(name));
        awaitReady(name, Duration.ofSeconds(120));
    }

    /** Services started from now on get this broker address list (the running ones keep theirs). */
    void useBrokerAddresses(String brokerAddresses) {
        addresses = brokerAddresses;
    }

    /**
     * A copy of the module's packaged application, so that a rebuild of the module in the same working tree during
     * the run (restarts happen minutes after the start) cannot pull the jar from under the test.
     */
    private void copyPackagedApp(String module) throws Exception {
        Path app = root.resolve(module).resolve("target/quarkus-app");
        Path copy = apps.resolve(module);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            // a package step still writing shows as a young quarkus-run.jar or as a copy that differs from its source
            if (Files.exists(app.resolve("quarkus-run.jar"))
                    && System.currentTimeMillis() - Files.getLastModifiedTime(app.resolve("quarkus-run.jar")).toMillis() > 10_000) {
                copyTree(app, copy);
                if (listing(app).equals(listing(copy)) && Files.exists(copy.resolve("quarkus/quarkus-application.dat"))) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(app + " is missing or incomplete: package " + module + " first");
            }
            Thread.sleep(2000);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (var old = Files.walk(to)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (var files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the source changed under us (a rebuild); the listing check retries
        }
    }

    private static java.util.Set<String> listing(Path dir) throws IOException {
        java.util.Set<String> entries = new java.util.TreeSet<>();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    entries.add(dir.relativize(p) + ":" + (Files.isDirectory(p) ? "d" : Files.size(p)));
                }
            }
        }
        return entries;
    }

    private Process launch(String name) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        String module;
        int port;
        switch (name) {
            case "todo-a", "todo-b" -> {
                module = "todo-frontend";
                port = TODO_INSTANCES.get(name.substring(5));
                props.put("quarkus.datasource.jdbc.url", FaultDatabases.url(FaultDatabases.TODO));
                props.put("mp.messaging.incoming.profile-events.queue.name", TODO_PROFILE_QUEUE);
                props.put("mp.messaging.incoming.profile-events.exchange.name", PROFILE_EXCHANGE);
            }
            case "profile" -> {
                module = "profile-frontend";
                port = PROFILE_PORT;
                props.put("quarkus.datasource.jdbc.url", FaultDatabases.url(FaultDatabases.PROFILE));
                props.put("mp.messaging.outgoing.profile-events.exchange.name", PROFILE_EXCHANGE);
            }
            case "gateway" -> {
                module = "bff-gateway";
                port = GATEWAY_PORT;
                props.put("gateway.frontends.todo.url", edge.url());
                props.put("gateway.frontends.profile.url", profileUrl());
                props.put("mp.messaging.incoming.profile-events.exchange.name", PROFILE_EXCHANGE);
                // one gateway instance here; the key only has to be set (and the same on every instance)
                props.put("gateway.csrf.key", "fault-tests-only-csrf-key-0123456789abcdef");
            }
            default -> throw new IllegalArgumentException(name);
        }
        Path jar = apps.resolve(module).resolve("quarkus-run.jar");
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("quarkus.management.port", String.valueOf(managementPort(port)));
        // e.g. -Dfault.profile.profile.events.schema=1 when a front-end's jar in this working tree is older than another's
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("fault." + name + "."))
                .forEach(k -> props.put(k.substring(("fault." + name + ".").length()), System.getProperty(k)));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().put("ORRERY_RABBITMQ_ADDRESSES", addresses);
        return builder.start();
    }

    int port(String name) {
        return switch (name) {
            case "todo-a", "todo-b" -> TODO_INSTANCES.get(name.substring(5));
            case "profile" -> PROFILE_PORT;
            case "gateway" -> GATEWAY_PORT;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The management interface's port (/q/health and the rest of /q) of a service listening on {@code port}. */
    static int managementPort(int port) {
        return port + 1000;
    }

    void awaitReady(String name, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = running.get(name);
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + logs.resolve(name + ".log"));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort(port(name)) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + logs.resolve(name + ".log"));
    }

    @Override
    public void close() throws Exception {
        running.values().forEach(Process::destroy);
        for (Process p : running.values()) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        running.clear();
        if (edge != null) {
            edge.close();
        }
    }
}
