package dev.orrery.profile.broker;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

import com.rabbitmq.client.Address;

import dev.orrery.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The broker as seen from here: UP with {@code state=UP} when every configured address takes a connection,
 * UP with {@code state=DEGRADED} with at least half of them (the cluster keeps its majority), DOWN below that.
 * <p>
 * A wellness check ({@code /q/health/well}, part of {@code /q/health}), not readiness: profile changes wait in the
 * outbox while the broker is away, so an instance without a broker must keep taking traffic.
 */
@Wellness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    private final List<Address> addresses;
    private final BrokerReachability reachability;
    private final ProfileConfig.Broker config;
    private BrokerReachability.Result last;
    private Instant lastAt = Instant.MIN;

    BrokerHealthCheck(ProfileConfig config) {
        this.config = config.broker();
        this.addresses = BrokerAddresses.parse(this.config.addresses());
        this.reachability = new BrokerReachability(BrokerAddresses.factory(this.config));
    }

    @Override
    public HealthCheckResponse call() {
        BrokerReachability.Result result = probe();
        BrokerReachability.Verdict verdict = result.verdict();
        return HealthCheckResponse.named("profile-events broker").status(verdict != BrokerReachability.Verdict.DOWN)
                .withData("state", verdict.name())
                .withData("reachable", result.reachable())
                .withData("configured", result.configured())
                .withData("addresses", String.join(",", config.addresses()))
                .build();
    }

    private synchronized BrokerReachability.Result probe() {
        if (last == null || lastAt.plus(config.probeCacheFor()).isBefore(Instant.now())) {
            last = reachability.probe(addresses);
            lastAt = Instant.now();
        }
        return last;
    }
}
