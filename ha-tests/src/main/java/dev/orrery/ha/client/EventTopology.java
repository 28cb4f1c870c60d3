package dev.orrery.ha.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;
import java.util.Map;

/**
 * The services' topology for one event stream: a durable direct exchange, a quorum queue with a
 * delivery limit whose rejected messages go to a dead-letter exchange and its quorum queue.
 */
public record EventTopology(String exchange, String queue, int deliveryLimit) {

    public String routingKey() { return queue; }

    public String deadLetterExchange() { return queue + ".dlx"; }

    public String deadLetterQueue() { return queue + ".dlq"; }

    /** Deletes and declares everything anew (an empty queue, a fresh leader election). */
    public void recreate(Connection connection) throws IOException {
        try (Channel ch = connection.createChannel()) {
            delete(ch);
            declare(ch);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    public void delete(Channel ch) throws IOException {
        ch.queueDelete(queue);
        ch.queueDelete(deadLetterQueue());
    }

    public void declare(Channel ch) throws IOException {
        ch.exchangeDeclare(exchange, "direct", true);
        ch.exchangeDeclare(deadLetterExchange(), "fanout", true);
        ch.queueDeclare(deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
        ch.queueBind(deadLetterQueue(), deadLetterExchange(), "");
        ch.queueDeclare(queue, true, false, false, Map.of(
                "x-queue-type", "quorum",
                "x-delivery-limit", deliveryLimit,
                "x-dead-letter-exchange", deadLetterExchange()));
        ch.queueBind(queue, exchange, routingKey());
    }
}
