package dev.orrery.todo.messaging;

import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether each messaging channel's broker connection is open now, with its reconnects. A wellness check only: the
 * connector's own health (which would put this into liveness and readiness) is switched off, because a broker
 * outage must neither restart healthy pods nor take every instance out of the balancer (docs/ha.md).
 */
@Wellness
@ApplicationScoped
public class BrokerChannelsHealthCheck implements HealthCheck {

    /** Connects on its first publish; until then "never connected" is not a problem. */
    private static final String OUTGOING = "todo-changes-out";
    private static final List<String> CHANNELS = Stream
            .concat(BrokerConnectedOnceCheck.INCOMING.stream(), Stream.of(OUTGOING)).toList();

    private final ChannelWatches watches;

    BrokerChannelsHealthCheck(ChannelWatches watches) {
        this.watches = watches;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker channels");
        boolean allUp = true;
        for (String channel : CHANNELS) {
            String state = watches.of(channel).map(BrokerChannelsHealthCheck::state).orElse("not created");
            allUp &= state.startsWith("connected") || channel.equals(OUTGOING) && state.equals("never connected");
            response.withData(channel, state);
        }
        return response.status(allUp).build();
    }

    private static String state(ChannelWatch watch) {
        if (!watch.connectedOnce()) {
            return "never connected";
        }
        return (watch.connected() ? "connected" : "disconnected") + ", reconnects " + watch.reconnects();
    }
}
