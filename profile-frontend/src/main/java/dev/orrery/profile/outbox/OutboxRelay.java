package dev.orrery.profile.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.orrery.profile.broker.BrokerPublisher;
import dev.orrery.profile.broker.PublishMetrics;
import dev.orrery.profile.config.ProfileConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Relays the outbox to the broker from one thread, in id order: right after a commit that appended events, and on a
 * poll for anything left over (broker away, restart). Each round is one transaction that claims its rows
 * ({@link OutboxStore#claimDue}), publishes them and marks them sent, so that several instances never publish the same
 * row. A row is marked sent only after the broker's confirm; a failed try is retried with exponential backoff and holds
 * back the rows behind it. Delivery is at least once: a confirm lost after the broker stored the message, or an instance
 * dying before its round commits, means it is published again, and consumers de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final BrokerPublisher publisher;
    private final PublishMetrics metrics;
    private final OutboxRetention retention;
    private final ProfileConfig.Outbox config;
    private final AtomicBoolean kicked = new AtomicBoolean();
    private ScheduledExecutorService executor;

    OutboxRelay(OutboxStore store, BrokerPublisher publisher, PublishMetrics metrics, OutboxRetention retention,
            ProfileConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retention = retention;
        this.config = config.outbox();
    }

    void start(@Observes StartupEvent startup) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        long poll = config.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::relaySafely, poll, poll, TimeUnit.MILLISECONDS);
        long cleanup = config.cleanupInterval().toMillis();
        executor.scheduleWithFixedDelay(this::cleanUpSafely, cleanup, cleanup, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended appended) {
        if (executor != null && kicked.compareAndSet(false, true)) {
            executor.execute(() -> {
                kicked.set(false);
                relaySafely();
            });
        }
    }

    private void relaySafely() {
        try {
            relayDue();
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay round failed: %s", e.toString());
        }
    }

    /** @return how many events were confirmed in this round */
    int relayDue() {
        return QuarkusTransaction.requiringNew().timeout((int) config.claimTimeout().toSeconds())
                .call(this::relayClaimed);
    }

    private int relayClaimed() {
        store.endSessionWhenIdleFor(config.claimTimeout());
        // stop taking rows in time to commit well within the claim's timeout
        long takeRowsUntil = System.nanoTime() + config.claimTimeout().toNanos() / 2;
        int sent = 0;
        for (OutboxEvent row : store.claimDue(config.batchSize())) {
            if (System.nanoTime() > takeRowsUntil) {
                break;
            }
            try {
                publisher.publishConfirmed(row.eventId, row.routingKey, row.payload, config.confirmTimeout());
                store.markSent(row.id);
                sent++;
            } catch (Exception e) {
                Duration backoff = backoff(row.attempts);
                LOG.warnf("event %s not confirmed (try %d), retrying in %s: %s", row.eventId, row.attempts + 1, backoff, e);
                store.markFailed(row.id, e.toString(), backoff);
                metrics.retryScheduled();
                break;
            }
        }
        return sent;
    }

    private void cleanUpSafely() {
        try {
            int deleted = retention.cleanUp();
            if (deleted > 0) {
                LOG.infof("deleted %d sent outbox rows older than %s", deleted, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox clean-up failed: %s", e.toString());
        }
    }

    Duration backoff(int failedTries) {
        long factor = 1L << Math.min(failedTries, 16);
        Duration delay = config.initialBackoff().multipliedBy(factor);
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }
}
