package dev.orrery.profile.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;

import dev.orrery.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes one outbox row and waits for the broker's confirm, on a channel of our own (not the messaging connector's):
 * reopening the connection is the cure for the nack-forever channel, and the connector cannot be told to do that.
 */
@ApplicationScoped
public class BrokerPublisher {

    /** The broker answered with basic.nack: it did not take the message. */
    public static class NackedException extends IOException {
        NackedException(String eventId) {
            super("broker nacked event " + eventId);
        }
    }

    private final BrokerChannel channel;
    private final PublishMetrics metrics;
    private final NacksOnlyWatch nacks;
    private final Duration nacksOnlyLimit;

    BrokerPublisher(BrokerChannel channel, PublishMetrics metrics, NacksOnlyWatch nacks, ProfileConfig config) {
        this.channel = channel;
        this.metrics = metrics;
        this.nacks = nacks;
        this.nacksOnlyLimit = config.broker().nacksOnlyLimit();
    }

    /** @throws Exception when the broker is unreachable, refused the message, or did not confirm within the timeout */
    public void publishConfirmed(String eventId, String routingKey, String payload, Duration timeout) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(eventId)
                // No content-encoding: JSON is UTF-8 by definition, and the consumers' connector hands them raw bytes
                // instead of a JsonObject when an encoding is set.
                .contentType("application/json")
                .deliveryMode(2)
                .build();
        Channel ch;
        try {
            ch = channel.open();
        } catch (IOException | TimeoutException e) {
            channel.reopen("cannot connect: " + e);
            throw new IOException("broker unreachable at every address: " + e, e);
        }
        try {
            metrics.published();
            ch.basicPublish(channel.exchange(), routingKey, properties, payload.getBytes(StandardCharsets.UTF_8));
            if (!ch.waitForConfirms(timeout.toMillis())) {
                metrics.nacked();
                nacks.nacked();
                if (nacks.reopenDue(nacksOnlyLimit)) {
                    channel.reopen("only nacks for more than " + nacksOnlyLimit);
                }
                throw new NackedException(eventId);
            }
            metrics.confirmed();
            nacks.confirmed();
        } catch (TimeoutException e) {
            metrics.confirmTimedOut();
            // A late confirm would be counted against the next message: start over on a new channel.
            channel.reopen("no confirm within " + timeout);
            throw new TimeoutException("no broker confirm within " + timeout);
        } catch (IOException | ShutdownSignalException e) {
            if (!(e instanceof NackedException)) {
                channel.reopen(e.toString());
            }
            throw e;
        }
    }
}
