package dev.orrery.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code gateway.csrf.key} across instances, with packaged gateways as their own processes: two instances with the
 * same key (on {@value #PORT_A} and {@value #PORT_B}) accept each other's CSRF tokens — a page from one, the post
 * through the other, as behind a load balancer — and an instance started in production mode without a key does not
 * start, saying why.
 */
class GatewayCsrfKeyIT {

    private static final int PORT_A = 18084;
    private static final int PORT_B = 18085;
    private static final int PORT_NO_KEY = 18086;
    private static final String MANIFEST = """
            {"name":"todo","version":"1","fragments":[{"id":"list","path":"/fragments/list","timeoutMs":3000,
             "required":true,"primary":true,"cacheable":false}],"assets":[],
             "routes":[{"kind":"http","prefix":"/api/todos"}]}""";
    private static final String PROFILE_MANIFEST = """
            {"name":"profile","version":"1","fragments":[{"id":"badge","path":"/fragments/badge","timeoutMs":1000,
             "required":false,"primary":false,"cacheable":false}],"assets":[],"routes":[]}""";
    private static final Pattern CSRF = Pattern.compile("<meta name=\"orrery-csrf\" content=\"([^\"]+)\"");

    private static HttpServer todo;
    private static HttpServer profile;
    private static final List<String> posted = new CopyOnWriteArrayList<>();
    private static final List<Process> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        todo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        todo.setExecutor(Executors.newCachedThreadPool());
        todo.createContext("/.well-known/orrery/manifest.json", exchange -> send(exchange, 200, MANIFEST));
        todo.createContext("/fragments/list", exchange -> send(exchange, 200, "<ul><li>first</li></ul>"));
        todo.createContext("/api/todos", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(exchange, 201, "{\"id\":1}");
        });
        todo.start();
        profile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        profile.createContext("/.well-known/orrery/manifest.json", exchange -> send(exchange, 200, PROFILE_MANIFEST));
        profile.createContext("/fragments/badge", exchange -> send(exchange, 200, "<span>Alice</span>"));
        profile.start();
        gateways.add(gateway(PORT_A, Platform.GATEWAY_CSRF_KEY));
        gateways.add(gateway(PORT_B, Platform.GATEWAY_CSRF_KEY));
        Platform.awaitReady(PORT_A, Duration.ofSeconds(90));
        Platform.awaitReady(PORT_B, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process gateway : gateways) {
            gateway.destroy();
            gateway.waitFor();
        }
        todo.stop(0);
        profile.stop(0);
    }

    @Test
    void instancesWithTheSameKeyAcceptEachOthersTokens() throws Exception {
        DeployVisitor alice = DeployVisitor.logIn("http://localhost:" + PORT_A, "alice");
        Matcher token = CSRF.matcher(alice.get("/").body());
        assertTrue(token.find());

        HttpResponse<String> viaB = post(alice, PORT_B, token.group(1));
        HttpResponse<String> forged = post(alice, PORT_B, token.group(1).substring(1) + "A");

        assertEquals(201, viaB.statusCode(), viaB.body());
        assertEquals(List.of("{\"title\":\"via B\"}"), posted);
        assertEquals(403, forged.statusCode());
    }

    @Test
    void withoutAKeyAProductionInstanceDoesNotStartAndSaysWhy() throws Exception {
        Process noKey = gateway(PORT_NO_KEY, null);
        gateways.add(noKey);

        assertTrue(noKey.waitFor(90, TimeUnit.SECONDS), "the instance should stop by itself");
        assertNotEquals(0, noKey.exitValue());
        String log = Files.readString(log(PORT_NO_KEY));
        assertTrue(log.contains("gateway.csrf.key is required in production"), log);
    }

    private static HttpResponse<String> post(DeployVisitor visitor, int port, String csrf)
            throws IOException, InterruptedException {
        return visitor.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/todos"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Orrery-CSRF", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"via B\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Process gateway(int port, String csrfKey) throws IOException {
        Path jar = Platform.root().resolve("bff-gateway/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(log(port).getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + Platform.managementPort(port),
                "-Dgateway.frontends.todo.url=http://127.0.0.1:" + todo.getAddress().getPort(),
                "-Dgateway.frontends.profile.url=http://127.0.0.1:" + profile.getAddress().getPort()));
        if (csrfKey != null) {
            command.add("-Dgateway.csrf.key=" + csrfKey);
        }
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(port).toFile()).start();
    }

    private static Path log(int port) {
        return Platform.root().resolve("e2e-tests/target/e2e-logs/bff-gateway-csrf-" + port + ".log");
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", text.startsWith("{") ? "application/json" : "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
