package dev.orrery.ha.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.util.function.Supplier;

/**
 * Consumes a queue with manual acks: the handler commits first, the ack follows. A failing
 * handler nacks with requeue, so the queue's delivery limit dead-letters a poison message.
 * One handler per channel (each channel delivers on its own thread, in order).
 */
public final class ReliableConsumer implements ConnectionKeeper.Session, AutoCloseable {

    private final String queue;
    private final int channels;
    private final int prefetch;
    private final Supplier<DeliveryHandler> handlers;
    private final MessagingCounters counters;
    private final ConnectionKeeper keeper;

    public ReliableConsumer(String name, BrokerAddresses addresses, String user, String password,
                            String queue, int channels, int prefetch, Supplier<DeliveryHandler> handlers,
                            MessagingCounters counters) {
        this.queue = queue;
        this.channels = channels;
        this.prefetch = prefetch;
        this.handlers = handlers;
        this.counters = counters;
        this.keeper = new ConnectionKeeper(name, addresses, user, password, counters, this);
        if (channels > 0) keeper.dispatchThreads(channels);
    }

    public ReliableConsumer start() {
        keeper.start();
        return this;
    }

    public ConnectionKeeper keeper() { return keeper; }

    @Override
    public void opened(Connection connection) throws Exception {
        for (int i = 0; i < channels; i++) {
            Channel ch = connection.createChannel();
            ch.basicQos(prefetch);
            ch.addShutdownListener(cause -> {
                if (!cause.isHardError()) keeper.reopen("consumer channel closed: " + cause.getMessage());
            });
            ch.basicConsume(queue, false, new Applying(ch, handlers.get()));
        }
    }

    @Override
    public void lost() { }

    private final class Applying extends DefaultConsumer {
        private final DeliveryHandler handler;

        Applying(Channel channel, DeliveryHandler handler) {
            super(channel);
            this.handler = handler;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            counters.deliveries.increment();
            if (envelope.isRedeliver()) counters.redeliveries.increment();
            boolean applied;
            try {
                applied = handler.apply(props.getMessageId(), body);
            } catch (Exception e) {
                counters.handlerFailures.increment();
                settle(() -> getChannel().basicNack(envelope.getDeliveryTag(), false, true));
                return;
            }
            if (!applied) counters.duplicatesSkipped.increment();
            settle(() -> getChannel().basicAck(envelope.getDeliveryTag(), false));
        }

        /** A channel that died meanwhile cannot ack: the broker redelivers and the de-dup absorbs it. */
        private void settle(AckAction action) {
            try {
                action.run();
            } catch (Exception e) {
                // the connection keeper reconnects
            }
        }
    }

    @FunctionalInterface
    private interface AckAction {
        void run() throws java.io.IOException;
    }

    @Override
    public void close() { keeper.close(); }
}
