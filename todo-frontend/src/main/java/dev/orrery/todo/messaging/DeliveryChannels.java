package dev.orrery.todo.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.Channel;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import jakarta.inject.Singleton;

/**
 * Which AMQP channel each consumer delivered on, so the acknowledgement of a message whose channel has closed since
 * can be dropped. The connector acknowledges on its client's <em>current</em> channel: after a reconnect, a delivery
 * tag of the dead channel is unknown there, the broker answers PRECONDITION_FAILED and closes the new channel, the
 * client reconnects, and so on while deliveries of earlier channels are still being processed. Dropping that ack is
 * safe: the broker requeued the message when its channel closed, and the redelivery is de-duplicated.
 */
@Singleton
public class DeliveryChannels {

    /** Consumer tags are unique per consume; the oldest ones belong to channels long gone. */
    private static final int REMEMBERED_CONSUMERS = 256;

    private final Map<String, Channel> byConsumerTag = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Channel> eldest) {
            return size() > REMEMBERED_CONSUMERS;
        }
    };

    /** Called by the client for every delivery, before the message reaches the application. */
    synchronized void delivered(Channel channel, String consumerTag) {
        if (byConsumerTag.get(consumerTag) != channel) {
            byConsumerTag.put(consumerTag, channel);
        }
    }

    /** @return whether the message came through a channel that is closed now, so acking or nacking it is pointless */
    public boolean deliveredOnClosedChannel(Message<?> message) {
        if (!(message instanceof IncomingRabbitMQMessage<?> rabbit)) {
            return false;
        }
        Channel channel;
        synchronized (this) {
            channel = byConsumerTag.get(rabbit.message.consumerTag());
        }
        return channel != null && !channel.isOpen();
    }
}
