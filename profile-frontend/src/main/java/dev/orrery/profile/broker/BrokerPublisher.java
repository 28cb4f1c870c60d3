package dev.orrery.profile.outbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes one outbox row and waits for the broker. With {@code publish-confirms=true} the connector acknowledges the
 * message only after the broker's confirm, and nacks it when the broker refuses it or the channel fails.
 */
@ApplicationScoped
public class BrokerPublisher {

    private final Emitter<String> channel;

    BrokerPublisher(@Channel("profile-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 512)
            Emitter<String> channel) {
        this.channel = channel;
    }

    /** @throws Exception when the broker did not confirm within the timeout or refused the message */
    public void publishConfirmed(OutboxEvent row, Duration timeout) throws Exception {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        OutgoingRabbitMQMetadata amqp = OutgoingRabbitMQMetadata.builder()
                .withMessageId(row.eventId)
                .withRoutingKey(row.routingKey)
                // No content-encoding: JSON is UTF-8 by definition, and the connector hands consumers the raw bytes
                // instead of a JsonObject when an encoding is set.
                .withContentType("application/json")
                .withDeliveryMode(2)
                .build();
        Message<String> message = Message.of(row.payload, Metadata.of(amqp))
                .withAck(() -> complete(confirmed, null))
                .withNack(failure -> complete(confirmed, failure));
        channel.send(message);
        try {
            confirmed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no broker confirm within " + timeout);
        }
    }

    private static CompletionStage<Void> complete(CompletableFuture<Void> confirmed, Throwable failure) {
        if (failure == null) {
            confirmed.complete(null);
        } else {
            confirmed.completeExceptionally(failure);
        }
        return CompletableFuture.completedFuture(null);
    }
}
