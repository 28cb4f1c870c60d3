package dev.orrery.ha.services;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Queues of an earlier run on the fault-test cluster (fresh databases restart profile versions at 1). */
final class FaultQueues {

    private FaultQueues() {
    }

    static void delete(String... queues) throws Exception {
        String auth = Base64.getEncoder().encodeToString("orrery:orrery".getBytes(StandardCharsets.UTF_8));
        for (String queue : queues) {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:15691/api/queues/%2F/" + queue)).header("Authorization", "Basic " + auth)
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 204 && r.statusCode() != 404) {
                throw new IllegalStateException("could not delete " + queue + ": HTTP " + r.statusCode());
            }
        }
    }
}
