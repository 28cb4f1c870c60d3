package dev.orrery.todo.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.impl.AMQConnection;

import io.micrometer.core.instrument.Counter;

/**
 * Watches one messaging channel's AMQP client from the inside (the Java client reports to it as its metrics
 * collector): its current connection, whether it ever connected and consumed, every reconnect (exactly, unlike the
 * connector's health, which can only be polled), and the channel each delivery came through.
 */
final class ChannelWatch implements MetricsCollector {

    private final DeliveryChannels deliveries;
    private final Counter reconnects;
    private final AtomicReference<Connection> connection = new AtomicReference<>();
    private final AtomicBoolean consumedOnce = new AtomicBoolean();

    ChannelWatch(DeliveryChannels deliveries, Counter reconnects) {
        this.deliveries = deliveries;
        this.reconnects = reconnects;
    }

    /** @return whether the client's current connection is open */
    boolean connected() {
        Connection current = connection.get();
        return current != null && current.isOpen();
    }

    /** @return whether the client has connected at least once */
    boolean connectedOnce() {
        return connection.get() != null;
    }

    /** @return whether a consumer was registered on the broker at least once (incoming channels) */
    boolean consumedOnce() {
        return consumedOnce.get();
    }

    /**
     * Closes the current connection's socket, so the client sees a network failure and reconnects (closing the
     * connection itself would count as the application's wish, and the client would not reconnect).
     *
     * @return whether there was an open connection to drop
     */
    boolean dropConnection() {
        if (connection.get() instanceof AMQConnection open && open.isOpen()) {
            CompletableFuture.runAsync(() -> open.getFrameHandler().close());
            return true;
        }
        return false;
    }

    long reconnects() {
        return (long) reconnects.count();
    }

    @Override
    public void newConnection(Connection opened) {
        if (connection.getAndSet(opened) != null) {
            reconnects.increment();
        }
    }

    @Override
    public void consumedMessage(Channel channel, long deliveryTag, String consumerTag) {
        deliveries.delivered(channel, consumerTag);
    }

    @Override
    public void basicConsume(Channel channel, String consumerTag, boolean autoAck) {
        consumedOnce.set(true);
    }

    @Override
    public void closeConnection(Connection closed) {
        // connected() asks the connection itself
    }

    @Override
    public void newChannel(Channel channel) {
        // not watched
    }

    @Override
    public void closeChannel(Channel channel) {
        // DeliveryChannels asks the channel itself
    }

    @Override
    public void basicPublish(Channel channel) {
        // publishes are counted by CountedChangesOut
    }

    @Override
    public void consumedMessage(Channel channel, long deliveryTag, boolean autoAck) {
        // basic.get only; not used
    }

    @Override
    public void basicAck(Channel channel, long deliveryTag, boolean multiple) {
        // acks are counted by CountingIncoming
    }

    @Override
    public void basicNack(Channel channel, long deliveryTag) {
        // nacks are counted by CountingIncoming
    }

    @Override
    public void basicReject(Channel channel, long deliveryTag) {
        // not used by the connector
    }

    @Override
    public void basicCancel(Channel channel, String consumerTag) {
        // not watched
    }
}
