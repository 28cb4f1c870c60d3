package dev.orrery.todo.author;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Counts the messages in the profile events' dead-letter queue with a passive declare (which changes nothing), over
 * one lazily opened connection of its own, reopened after a failure.
 */
@ApplicationScoped
public class DeadLetterMonitor {

    private final List<Address> addresses;
    private final String username;
    private final String password;
    private final String deadLetterQueue;
    private Connection connection;

    DeadLetterMonitor(@ConfigProperty(name = "rabbitmq-addresses") String addresses,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password,
            @ConfigProperty(name = "mp.messaging.incoming.profile-events.queue.name") String queue,
            @ConfigProperty(name = "mp.messaging.incoming.profile-events.dead-letter-queue-name") Optional<String> dlq) {
        this.addresses = Arrays.stream(addresses.split(",")).map(String::strip).map(Address::parseAddress).toList();
        this.username = username;
        this.password = password;
        // The connector's default name for the dead-letter queue.
        this.deadLetterQueue = dlq.orElse(queue + ".dlq");
    }

    public String queueName() {
        return deadLetterQueue;
    }

    /** @throws IOException when the broker cannot be asked (the queue is declared by the connector at start) */
    public synchronized long depth() throws IOException {
        try {
            if (connection == null || !connection.isOpen()) {
                ConnectionFactory factory = new ConnectionFactory();
                factory.setUsername(username);
                factory.setPassword(password);
                factory.setConnectionTimeout(2_000);
                connection = factory.newConnection(addresses, "todo-frontend dead-letter monitor");
            }
            try (Channel channel = connection.createChannel()) {
                return channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
            }
        } catch (TimeoutException e) {
            throw new IOException(e);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    synchronized void close() {
        try {
            if (connection != null) {
                connection.abort();
            }
        } finally {
            connection = null;
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        close();
    }
}
