package dev.orrery.ha.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The RabbitMQ management HTTP API of a cluster, asked on whichever node answers first. */
public final class ManagementApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Integer> ports;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public ManagementApi(List<Integer> ports, String user, String password) {
        this.ports = List.copyOf(ports);
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Optional<JsonNode> get(String path) {
        for (int port : ports) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api" + path))
                        .timeout(Duration.ofSeconds(2)).header("Authorization", authorization).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) return Optional.of(JSON.readTree(response.body()));
            } catch (java.io.IOException e) {
                // next node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Nodes that the cluster reports as running; -1 when no node answers. */
    public int runningNodes() {
        return get("/nodes").map(nodes -> {
            int running = 0;
            for (JsonNode n : nodes) if (n.path("running").asBoolean()) running++;
            return running;
        }).orElse(-1);
    }

    /** The node name leading a quorum queue, e.g. {@code rmqf2@localhost}. */
    public Optional<String> queueLeader(String queue) {
        return get("/queues/%2F/" + URLEncoder.encode(queue, StandardCharsets.UTF_8))
                .map(q -> q.hasNonNull("leader") ? q.get("leader").asText() : q.path("node").asText(null));
    }

    public int clusterSize() { return ports.size(); }
}
