package dev.orrery.todo.messaging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Not ready until each incoming broker channel has been connected once; ready from then on, whatever the broker does.
 * A new instance that cannot reach the broker at all (wrong addresses, no credentials) is never put into service — a
 * deploy of it is abandoned — while a running instance stays in the balancer through a failover or an outage, when
 * its API, pages and own sockets keep working (the connector's own readiness is switched off for that reason). The
 * outgoing {@code todo-changes-out} connects lazily, on the first change, so it cannot take part.
 */
@Readiness
@ApplicationScoped
public class BrokerConnectedOnceCheck implements HealthCheck {

    static final List<String> INCOMING = List.of("profile-events", "todo-changes");

    private final HealthCenter health;
    private final Set<String> connectedOnce = ConcurrentHashMap.newKeySet();

    BrokerConnectedOnceCheck(HealthCenter health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        if (!connectedOnce.containsAll(INCOMING)) {
            for (HealthReport.ChannelInfo channel : health.getLiveness().getChannels()) {
                if (channel.isOk() && INCOMING.contains(channel.getChannel())) {
                    connectedOnce.add(channel.getChannel());
                }
            }
        }
        return HealthCheckResponse.named("broker channels connected once")
                .status(connectedOnce.containsAll(INCOMING))
                .withData("channels", String.join(",", INCOMING))
                .withData("connectedOnce", String.join(",", connectedOnce.stream().sorted().toList()))
                .build();
    }
}
