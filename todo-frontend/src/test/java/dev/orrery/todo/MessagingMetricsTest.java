package dev.orrery.todo;

import static dev.orrery.todo.ManagementInterface.management;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** /q/metrics counts the real broker traffic of a change: publish, confirm, and its delivery back to this instance. */
@QuarkusTest
class MessagingMetricsTest extends TwoUsers {

    @Test
    void aChangeMovesThePublishConfirmAndReceiveCounters() {
        double published = counter("orrery_messaging_published_total", "todo-changes-out");
        double confirmed = counter("orrery_messaging_confirmed_total", "todo-changes-out");
        double received = counter("orrery_messaging_received_total", "todo-changes");

        alice.add("Counted");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertTrue(counter("orrery_messaging_published_total", "todo-changes-out") >= published + 1);
            assertTrue(counter("orrery_messaging_confirmed_total", "todo-changes-out") >= confirmed + 1);
            assertTrue(counter("orrery_messaging_received_total", "todo-changes") >= received + 1);
        });
        String metrics = metrics();
        for (String name : new String[] { "orrery_messaging_nacked_total{channel=\"todo-changes-out\"",
                "orrery_messaging_redelivered_total{channel=\"profile-events\"",
                "orrery_messaging_failed_total{channel=\"profile-events\"",
                "orrery_messaging_dead_letters{channel=\"profile-events\"" }) {
            assertTrue(metrics.contains(name), name + " in " + metrics);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics().contains("orrery_messaging_reconnects_total{channel=\"todo-changes\""));
    }

    private static String metrics() {
        return management().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double counter(String name, String channel) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{channel=\"" + channel + "\"") + "[^}]*} (\\S+)$")
                .matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
