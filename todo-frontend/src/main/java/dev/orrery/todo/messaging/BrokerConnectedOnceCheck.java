package dev.orrery.todo.messaging;

import java.util.List;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Not ready until each incoming broker channel has been connected once; ready from then on, whatever the broker does.
 * A new instance that cannot reach the broker at all (wrong addresses, no credentials) is never put into service — a
 * deploy of it is abandoned — while a running instance stays in the balancer through a failover or an outage, when
 * its API, pages and own sockets keep working (the connector's own health is switched off for that reason). "Connected"
 * means a consumer was registered on the broker, as the client itself reports it ({@link ChannelWatch}). The outgoing
 * {@code todo-changes-out} connects lazily, on the first change, so it cannot take part.
 */
@Readiness
@ApplicationScoped
public class BrokerConnectedOnceCheck implements HealthCheck {

    static final List<String> INCOMING = List.of("profile-events", "todo-changes");

    private final ChannelWatches watches;

    BrokerConnectedOnceCheck(ChannelWatches watches) {
        this.watches = watches;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> connectedOnce = INCOMING.stream()
                .filter(channel -> watches.of(channel).map(ChannelWatch::consumedOnce).orElse(false)).toList();
        return HealthCheckResponse.named("broker channels connected once")
                .status(connectedOnce.size() == INCOMING.size())
                .withData("channels", String.join(",", INCOMING))
                .withData("connectedOnce", String.join(",", connectedOnce))
                .build();
    }
}
