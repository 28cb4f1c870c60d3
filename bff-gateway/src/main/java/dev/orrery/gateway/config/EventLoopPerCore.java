package dev.orrery.gateway.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per core instead of Vert.x's two: the gateway does nothing blocking on its loops, and with
 * two loops per core they share cores, waking up for fewer events each. bench/compose measured the same build with
 * 2 and 4 loops on 2 cores in the same rounds three times: 85 vs 90, 80 vs 86 and 77 vs 91 µs of CPU per page
 * (docs/benchmarks.md). Below every other source (ordinal 50), so {@code quarkus.vertx.event-loops-pool-size} set
 * anywhere still wins.
 */
public class EventLoopPerCore implements ConfigSource {

    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";

    private final Map<String, String> values = Map.of(EVENT_LOOPS,
            Integer.toString(Runtime.getRuntime().availableProcessors()));

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "gateway: one event loop per core";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
