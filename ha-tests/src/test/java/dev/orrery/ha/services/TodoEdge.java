package dev.orrery.ha.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP HAProxy in front of two todo-frontend instances, rendered from the launcher's own edge template
 * (deploy/local/edge/edge.cfg.template: same retries, redispatch, health checks, tunnel timeout), except that both
 * instances take traffic (round robin) instead of one blue/green slot.
 */
record TodoEdge(int port, int statsPort, Process haproxy) implements AutoCloseable {

    static TodoEdge start(Path root, Path dir, int port, int statsPort, int portA, int portB) throws Exception {
        String frontends = """
                frontend fe_todo
                    bind 127.0.0.1:%d
                    default_backend todo

                backend todo
                    balance roundrobin
                    server a 127.0.0.1:%d port %d
                    server b 127.0.0.1:%d port %d
                """.formatted(port, portA, ServiceStack.managementPort(portA), portB, ServiceStack.managementPort(portB));
        String config = Files.readString(root.resolve("deploy/local/edge/edge.cfg.template"))
                .replace("@SOCK@", dir.resolve("edge.sock").toString())
                .replace("@STATS_PORT@", String.valueOf(statsPort))
                .replaceFirst("(?m)^@FRONTENDS@$", java.util.regex.Matcher.quoteReplacement(frontends));
        Path file = dir.resolve("todo-edge.cfg");
        Files.writeString(file, config);
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("todo-edge.log").toFile()).start();
        TodoEdge edge = new TodoEdge(port, statsPort, haproxy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!haproxy.isAlive()) {
                throw new IllegalStateException("the todo edge (haproxy) exited; see " + dir.resolve("todo-edge.log"));
            }
            if (edge.statsCsv() != null) {
                return edge;
            }
            Thread.sleep(200);
        }
        edge.close();
        throw new IllegalStateException("the todo edge did not answer on its stats port " + statsPort);
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Open sessions (WebSockets are long-lived ones) of server a or b. */
    int currentSessions(String server) {
        String csv = statsCsv();
        if (csv == null) {
            return 0;
        }
        for (String line : csv.split("\n")) {
            String[] f = line.split(",");
            if (f.length > 4 && f[0].equals("todo") && f[1].equals(server)) {
                return Integer.parseInt(f[4]);
            }
        }
        return 0;
    }

    private String statsCsv() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + statsPort + "/stats;csv")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        haproxy.destroy();
        if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
            haproxy.destroyForcibly();
        }
    }
}
