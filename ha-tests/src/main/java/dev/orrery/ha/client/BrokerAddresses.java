package dev.orrery.ha.client;

import com.rabbitmq.client.Address;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses a client knows, in the order it tries them: both HAProxy instances (proxy mode)
 * or all three nodes (direct mode). Written "host:port,host:port" as in the services' config.
 */
public record BrokerAddresses(List<Address> list) {

    public BrokerAddresses {
        if (list.isEmpty()) throw new IllegalArgumentException("no broker address");
        list = List.copyOf(list);
    }

    public static BrokerAddresses parse(String commaSeparated) {
        return new BrokerAddresses(Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Address::parseAddress).toList());
    }

    /** The same addresses, starting with the one on {@code port} (to aim a client at a node). */
    public BrokerAddresses preferring(int port) {
        List<Address> ordered = new ArrayList<>(list);
        ordered.sort((a, b) -> Boolean.compare(b.getPort() == port, a.getPort() == port));
        return new BrokerAddresses(ordered);
    }

    public Address get(int i) { return list.get(Math.floorMod(i, list.size())); }

    public int size() { return list.size(); }

    @Override
    public String toString() {
        return String.join(",", list.stream().map(a -> a.getHost() + ":" + a.getPort()).toList());
    }
}
