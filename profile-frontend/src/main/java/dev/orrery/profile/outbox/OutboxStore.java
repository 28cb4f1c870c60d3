package dev.orrery.profile.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The relay's work on the outbox table. A relay round claims its rows with row locks that last for the round's
 * transaction ({@link #claimDue}); the other calls join that transaction or run their own short one.
 */
@ApplicationScoped
public class OutboxStore {

    /**
     * Claims pending rows for the caller's transaction, in id order, up to the first one that is not due yet (so events
     * of one user stay in order): {@code FOR UPDATE SKIP LOCKED} locks them until that transaction ends, so no other
     * instance's relay takes them meanwhile; when the instance dies, PostgreSQL ends its session and the rows are free
     * again. While an earlier pending row is claimed by another instance, nothing is claimed: one instance relays at a
     * time, and events stay in id order across instances.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxEvent> claimDue(int limit) {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> pending = OutboxEvent.getEntityManager().createNativeQuery(
                "SELECT * FROM outbox_event WHERE sent_at IS NULL ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED",
                OutboxEvent.class).setParameter(1, limit).getResultList();
        if (pending.isEmpty() || OutboxEvent.count("sentAt is null and id < ?1", pending.get(0).id) > 0) {
            return List.of();
        }
        Instant now = Instant.now();
        int firstNotDue = 0;
        while (firstNotDue < pending.size() && !pending.get(firstNotDue).nextAttemptAt.isAfter(now)) {
            firstNotDue++;
        }
        return List.copyOf(pending.subList(0, firstNotDue));
    }

    /**
     * Should this instance stop answering in the middle of a round (frozen, cut off with its connection still open),
     * PostgreSQL ends its session after this much idle time in the round's transaction, which frees the claimed rows
     * for another instance. A live relay is never idle that long: each wait for the broker is bounded by the confirm
     * and connect timeouts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endSessionWhenIdleFor(Duration idle) {
        OutboxEvent.getEntityManager()
                .createNativeQuery("SELECT set_config('idle_in_transaction_session_timeout', ?1, true)")
                .setParameter(1, Long.toString(idle.toMillis())).getSingleResult();
    }

    @Transactional
    public void markSent(long id) {
        OutboxEvent.update("sentAt = :now where id = :id", Parameters.with("now", Instant.now()).and("id", id));
    }

    @Transactional
    public void markFailed(long id, String error, Duration backoff) {
        OutboxEvent row = OutboxEvent.findById(id);
        row.attempts++;
        row.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        row.nextAttemptAt = Instant.now().plus(backoff);
    }

    /** Deletes sent rows whose confirm is older than the cut-off; pending rows are never deleted. */
    @Transactional
    public int deleteSentBefore(Instant cutOff) {
        return (int) OutboxEvent.delete("sentAt is not null and sentAt < ?1", cutOff);
    }

    /** Number of unsent events and the creation time of the oldest. */
    @Transactional
    public Backlog backlog() {
        Object[] row = (Object[]) OutboxEvent.getEntityManager()
                .createQuery("select count(e), min(e.createdAt) from OutboxEvent e where e.sentAt is null")
                .getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), (Instant) row[1]);
    }

    public record Backlog(long pending, Instant oldestCreatedAt) {
        public Duration oldestAge() {
            return oldestCreatedAt == null ? Duration.ZERO : Duration.between(oldestCreatedAt, Instant.now());
        }
    }
}
