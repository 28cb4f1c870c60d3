package dev.orrery.gateway.stub;

import java.util.Map;

/**
 * The stubbed gateway with limits small enough to reach in a test: its own origin configured ({@value #ORIGIN}), 3
 * writes at once then 1 per second per user, and 2 s for a browser socket that stopped reading.
 */
public class TightLimitsProfile extends StubProfile {

    public static final String ORIGIN = "http://orrery.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.origins", ORIGIN,
                "gateway.proxy.write-rate.burst", "3",
                "gateway.proxy.write-rate.per-second", "1",
                "gateway.proxy.web-socket-stall-limit", "2s");
    }
}
