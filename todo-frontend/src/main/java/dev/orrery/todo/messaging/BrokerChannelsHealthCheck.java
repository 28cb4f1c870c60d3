package dev.orrery.todo.messaging;

import java.util.List;

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

    static final List<String> CHANNELS = List.of("profile-events", "todo-changes", "todo-changes-out");

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
            // The outgoing channel connects on its first publish; until then it is not a problem.
            allUp &= state.startsWith("connected") || state.equals("never connected") && channel.endsWith("-out");
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
