package dev.orrery.profile.broker;

import java.util.List;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;

import dev.orrery.profile.config.ProfileConfig;

/** The configured broker addresses and a connection factory for them, without the library's own recovery. */
final class BrokerAddresses {

    private BrokerAddresses() {
    }

    static List<Address> parse(List<String> hostPorts) {
        return hostPorts.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Address::parseAddress).toList();
    }

    /** Recovery is ours (reopen on the next try), so a reconnect can never race the relay's own retry. */
    static ConnectionFactory factory(ProfileConfig.Broker config) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        int timeout = (int) config.connectTimeout().toMillis();
        factory.setConnectionTimeout(timeout);
        factory.setHandshakeTimeout(timeout);
        factory.setRequestedHeartbeat(10);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }
}
