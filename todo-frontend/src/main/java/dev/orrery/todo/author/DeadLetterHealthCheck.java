package dev.orrery.todo.author;

import java.io.IOException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes dead-lettered profile events visible. It stays UP: a poison message is a reason for an operator to look
 * (docs/events.md, "Dead letters"), not for taking this instance out of service; {@code state} says
 * {@code attention} while the dead-letter queue holds messages.
 */
@Readiness
@ApplicationScoped
public class DeadLetterHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DeadLetterHealthCheck.class);

    private final DeadLetterMonitor monitor;

    DeadLetterHealthCheck(DeadLetterMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("profile-events dead letters").up()
                .withData("queue", monitor.queueName());
        try {
            long depth = monitor.depth();
            if (depth > 0) {
                LOG.warnf("%d profile event(s) in dead-letter queue %s", depth, monitor.queueName());
            }
            return response.withData("deadLettered", depth).withData("state", depth > 0 ? "attention" : "ok").build();
        } catch (IOException e) {
            return response.withData("state", "unknown").withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
