package dev.orrery.profile.outbox;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** The message ids arriving, in order, on a test queue bound to an exchange with one routing key (real broker). */
final class RoutedMessages implements AutoCloseable {

    private final Connection connection;
    private final List<String> messageIds = new CopyOnWriteArrayList<>();

    RoutedMessages(String exchange, String routingKey) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5680);
        factory.setUsername("orrery");
        factory.setPassword("orrery");
        connection = factory.newConnection("outbox two-instances test");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, routingKey);
        channel.basicConsume(queue, true, (tag, delivery) -> messageIds.add(delivery.getProperties().getMessageId()),
                tag -> {
                });
    }

    List<String> all() {
        return List.copyOf(messageIds);
    }

    List<String> awaitAtLeast(int count, Duration timeout) {
        await().atMost(timeout).until(() -> messageIds.size() >= count);
        return all();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
