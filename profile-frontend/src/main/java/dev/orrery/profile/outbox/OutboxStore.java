package dev.orrery.profile.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The relay's short transactions on the outbox table; none of them is held open while waiting for the broker. */
@ApplicationScoped
public class OutboxStore {

    /** Pending rows in id order, up to the first one that is not due yet (so events of one user stay in order). */
    @Transactional
    public List<OutboxEvent> due(int limit) {
        List<OutboxEvent> pending = OutboxEvent.<OutboxEvent>find("sentAt is null order by id").page(0, limit).list();
        Instant now = Instant.now();
        int firstNotDue = 0;
        while (firstNotDue < pending.size() && !pending.get(firstNotDue).nextAttemptAt.isAfter(now)) {
            firstNotDue++;
        }
        return List.copyOf(pending.subList(0, firstNotDue));
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
