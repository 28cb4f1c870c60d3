package dev.orrery.style;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves the built static resources (target/classes/META-INF/resources) plus
 * pages a test puts in, on a random loopback port, and records every request
 * path. Two instances on two ports are two origins.
 */
final class StaticServer implements AutoCloseable {

    static final Path RESOURCES = TestPaths.moduleDir().resolve("target/classes/META-INF/resources");

    private record Response(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Response> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    StaticServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return origin() + path;
    }

    StaticServer put(String path, String contentType, String body) {
        return put(path, 200, contentType, body);
    }

    StaticServer put(String path, int status, String contentType, String body) {
        routes.put(path, new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    StaticServer html(String path, String body) {
        return put(path, "text/html; charset=utf-8", body);
    }

    /** Request paths (with query) received so far. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestURI().toString());
        Response response = routes.get(path);
        if (response == null) {
            Path file = RESOURCES.resolve(path.substring(1)).normalize();
            if (file.startsWith(RESOURCES) && Files.isRegularFile(file)) {
                response = new Response(200, contentType(file.toString()), Files.readAllBytes(file));
            } else {
                response = new Response(404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".json")) {
            return "application/json";
        } else if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
