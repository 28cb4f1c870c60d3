package dev.orrery.todo.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.orrery.todo.TodoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The broker nacks every publish of changes (a real full quorum queue with {@code reject-publish} bound to this test's
 * own changes exchange — the way RabbitMQ 3.10.8's nack-forever channel looks from the client): after
 * {@code todo.broker.nacks-only-limit} of nothing but nacks the connection is reopened; once the broker confirms
 * again, changes are confirmed.
 */
@QuarkusTest
@TestProfile(NacksOnlyChangesTest.RejectingBroker.class)
class NacksOnlyChangesTest {

    static final String EXCHANGE = "orrery.todo.changes.test-nacks";
    static final String QUEUE = "todo-test.nacks-full";

    public static class RejectingBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.todo-changes-out.exchange.name", EXCHANGE,
                    "todo.broker.nacks-only-limit", "PT2S");
        }
    }

    private final TodoClient alice = new TodoClient("alice");

    @Inject
    ChannelWatches watches;

    @Inject
    MeterRegistry registry;

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        return factory.newConnection();
    }

    private double counter(String name) {
        return registry.get("orrery.messaging." + name).tag("channel", "todo-changes-out").counter().count();
    }

    @Test
    void onlyNacksReopenTheConnectionAndConfirmsFollowOnceTheBrokerTakesChangesAgain() throws Exception {
        alice.add("before the broker refuses");
        await().atMost(Duration.ofSeconds(20)).until(() -> counter("confirmed") >= 1);
        ChannelWatch out = watches.of("todo-changes-out").orElseThrow();
        long reconnectsBefore = out.reconnects();
        try (Connection admin = connect(); Channel ch = admin.createChannel()) {
            ch.exchangeDeclare(EXCHANGE, "fanout", true);
            ch.queueDelete(QUEUE);
            ch.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum", "x-max-length", 1,
                    "x-overflow", "reject-publish"));
            ch.queueBind(QUEUE, EXCHANGE, "");
            ch.confirmSelect();
            // Fill it until the broker refuses (a quorum queue may take one message past its limit first).
            boolean refused = false;
            for (int i = 0; i < 5 && !refused; i++) {
                ch.basicPublish("", QUEUE, null, "filler".getBytes());
                refused = !ch.waitForConfirms(5000);
            }
            assertTrue(refused, "the full queue makes the broker nack");

            double nackedBefore = counter("nacked");
            int[] added = { 0 };
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                alice.add("refused " + added[0]++);
                return counter("nacks-only-reopens") >= 1;
            });
            assertTrue(counter("nacked") - nackedBefore >= 2, "the broker nacked, for real");
            await().atMost(Duration.ofSeconds(20)).until(() -> out.reconnects() > reconnectsBefore && out.connected());
            ch.queueDelete(QUEUE);
        }
        // Unroutable now, so the broker confirms on the reopened connection.
        double confirmedBefore = counter("confirmed");
        alice.add("after the reopen");
        await().atMost(Duration.ofSeconds(20)).until(() -> counter("confirmed") > confirmedBefore);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (Connection admin = connect(); Channel ch = admin.createChannel()) {
            ch.queueDelete(QUEUE);
        }
        alice.deleteAll();
    }
}
