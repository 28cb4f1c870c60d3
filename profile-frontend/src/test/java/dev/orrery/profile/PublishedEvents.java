package dev.orrery.profile;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;

import dev.orrery.contracts.event.ProfileUpdated;

/** Listens on the real broker (through HAProxy) to what this test's profile-frontend publishes to its exchange. */
final class PublishedEvents implements AutoCloseable {

    private final ObjectMapper mapper;
    private final Connection connection;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    PublishedEvents(ObjectMapper mapper) throws Exception {
        this.mapper = mapper;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        connection = factory.newConnection();
        Channel channel = connection.createChannel();
        String exchange = ConfigProvider.getConfig().getValue("mp.messaging.outgoing.profile-events.exchange.name", String.class);
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, ProfileUpdated.ROUTING_KEY);
        channel.basicConsume(queue, true, (tag, delivery) -> received.add(delivery), tag -> {
        });
    }

    /** The next event about that user within 20 s. */
    Delivery nextFor(String userId) throws Exception {
        return nextFor(userId, null);
    }

    /** The next event about that user with that display name (null: any) within 20 s; earlier leftovers are skipped. */
    Delivery nextFor(String userId, String displayName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Delivery d = received.poll(1, TimeUnit.SECONDS);
            if (d != null) {
                var json = mapper.readTree(d.getBody());
                if (json.path("userId").asText().equals(userId)
                        && (displayName == null || displayName.equals(json.path("displayName").asText()))) {
                    return d;
                }
            }
        }
        throw new AssertionError("no ProfileUpdated for " + userId + " within 20 s");
    }

    /** Whatever arrives within the timeout, or null. */
    Delivery poll(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    /** api-contracts' JSON Schema of that ProfileUpdated version. */
    static JsonSchema schema(int version) throws Exception {
        try (InputStream in = ProfileUpdated.class.getClassLoader().getResourceAsStream(ProfileUpdated.schemaResource(version))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
