package dev.orrery.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real browser on a page whose optional badge is slower than its budget: the page arrives with a placeholder in
 * the badge's slot, and the badge, streamed at the end of the body, ends up in its slot. The packaged gateway runs as
 * its own process on {@value #PORT}, pointed at two stub front-ends served by this test.
 */
class GatewayOutOfOrderIT {

    private static final int PORT = 18083;
    private static final String SITE = "http://localhost:" + PORT;
    private static final String TODO_MANIFEST = """
            {"name":"todo","version":"1","fragments":[{"id":"list","path":"/fragments/list","timeoutMs":2000,
             "required":true,"primary":true,"cacheable":false}],"assets":[],"routes":[]}""";
    private static final String PROFILE_MANIFEST = """
            {"name":"profile","version":"1","fragments":[{"id":"badge","path":"/fragments/badge","timeoutMs":300,
             "required":false,"primary":false,"cacheable":false}],"assets":[],"routes":[]}""";

    private static HttpServer todo;
    private static HttpServer profile;
    private static Process gateway;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        todo = stub(TODO_MANIFEST, "/fragments/list", "<ul data-fragment=\"todo:list\"><li>first</li></ul>", 0);
        profile = stub(PROFILE_MANIFEST, "/fragments/badge", "<span class=\"late-badge\">Slow badge</span>", 1500);
        Path jar = Platform.root().resolve("bff-gateway/target/quarkus-app/quarkus-run.jar");
        Path log = Platform.root().resolve("e2e-tests/target/e2e-logs/bff-gateway-out-of-order.log");
        Files.createDirectories(log.getParent());
        gateway = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + PORT, "-Dquarkus.management.port=" + Platform.managementPort(PORT),
                "-Dgateway.frontends.todo.url=http://127.0.0.1:" + todo.getAddress().getPort(),
                "-Dgateway.frontends.profile.url=http://127.0.0.1:" + profile.getAddress().getPort(),
                "-Dgateway.csrf.key=" + Platform.GATEWAY_CSRF_KEY,
                "-jar", jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady();
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor();
        }
        todo.stop(0);
        profile.stop(0);
    }

    @Test
    void theLateBadgeEndsUpInItsSlot() {
        Page page = browser.newVisitor();
        Browser.logIn(page, SITE, "alice");

        assertThat(page.locator("[data-slot='profile:badge'] .late-badge")).hasText("Slow badge");
        assertThat(page.locator("[data-slot='profile:badge']")).not().hasAttribute("data-pending", "");
        assertThat(page.locator("template[data-orrery-late]")).hasCount(0);
        assertThat(page.locator("[data-slot='todo:list'] li")).hasText("first");
        page.context().close();
    }

    @Test
    void withoutJavaScriptThePlaceholderStaysReadable() {
        Page page = browser.newVisitor();
        Browser.logIn(page, SITE, "bob");
        var noScript = page.context().browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setJavaScriptEnabled(false).setStorageState(page.context().storageState()));
        Page plain = noScript.newPage();
        plain.navigate(SITE + "/");

        assertThat(plain.locator("[data-slot='profile:badge'][data-pending] a")).hasText("Reload the page");
        noScript.close();
        page.context().close();
    }

    private static HttpServer stub(String manifest, String path, String body, long delayMs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/.well-known/orrery/manifest.json", exchange -> send(exchange, "application/json", manifest));
        server.createContext(path, exchange -> {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, "text/html", body);
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(Platform.managementUrl(PORT) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("gateway on " + PORT + " not ready; see e2e-logs/bff-gateway-out-of-order.log");
    }
}
