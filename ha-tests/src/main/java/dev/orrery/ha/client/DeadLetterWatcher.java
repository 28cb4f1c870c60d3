package dev.orrery.ha.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Counts the messages that reach a dead-letter queue (and remembers their ids). */
public final class DeadLetterWatcher implements ConnectionKeeper.Session, AutoCloseable {

    private final String queue;
    private final MessagingCounters counters;
    private final ConnectionKeeper keeper;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    public DeadLetterWatcher(String name, BrokerAddresses addresses, String user, String password,
                             String queue, MessagingCounters counters) {
        this.queue = queue;
        this.counters = counters;
        this.keeper = new ConnectionKeeper(name, addresses, user, password, counters, this);
    }

    public DeadLetterWatcher start() {
        keeper.start();
        return this;
    }

    public Set<String> ids() { return Set.copyOf(ids); }

    @Override
    public void opened(Connection connection) throws Exception {
        Channel ch = connection.createChannel();
        ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws java.io.IOException {
                if (ids.add(String.valueOf(props.getMessageId()))) counters.deadLetters.increment();
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
    }

    @Override
    public void lost() { }

    @Override
    public void close() { keeper.close(); }
}
