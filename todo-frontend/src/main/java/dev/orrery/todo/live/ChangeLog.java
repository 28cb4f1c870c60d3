package dev.orrery.todo.live;

import java.time.Instant;
import java.util.List;

import dev.orrery.todo.config.TodoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Each user's numbered changes: assigned in the changing transaction, kept for replay, announced after commit. */
@ApplicationScoped
public class ChangeLog {

    /** Pruning every change would cost a delete per write; every this many is enough to bound the log. */
    private static final int PRUNE_EVERY = 64;

    private final EntityManager em;
    private final TodoConfig config;
    private final Event<RecordedChange> recorded;

    ChangeLog(EntityManager em, TodoConfig config, Event<RecordedChange> recorded) {
        this.em = em;
        this.config = config;
        this.recorded = recorded;
    }

    @Transactional(TxType.MANDATORY)
    public LiveFrame record(String userId, ChangeType type, Long todoId, String html) {
        long seq = nextSeq(userId);
        em.createNativeQuery("INSERT INTO todo_change (user_id, seq, type, todo_id, html, created_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, userId).setParameter(2, seq).setParameter(3, type.wire())
                .setParameter(4, todoId).setParameter(5, html).setParameter(6, Instant.now())
                .executeUpdate();
        if (seq % PRUNE_EVERY == 0) {
            em.createNativeQuery("DELETE FROM todo_change WHERE user_id = ?1 AND seq <= ?2")
                    .setParameter(1, userId).setParameter(2, seq - config.live().retainedChanges())
                    .executeUpdate();
        }
        LiveFrame frame = new LiveFrame(seq, type.wire(), todoId, html);
        recorded.fire(new RecordedChange(userId, frame));
        return frame;
    }

    /** The user's latest sequence number, 0 before the first change. */
    @Transactional
    public long lastSeq(String userId) {
        List<?> rows = em.createNativeQuery("SELECT last_seq FROM todo_user_seq WHERE user_id = ?1")
                .setParameter(1, userId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /** The retained changes with {@code after < seq < before}, oldest first. */
    @Transactional
    public List<LiveFrame> between(String userId, long after, long before) {
        List<?> rows = em.createNativeQuery("SELECT seq, type, todo_id, html FROM todo_change "
                + "WHERE user_id = ?1 AND seq > ?2 AND seq < ?3 ORDER BY seq")
                .setParameter(1, userId).setParameter(2, after).setParameter(3, before).getResultList();
        return rows.stream().map(Object[].class::cast).map(r -> new LiveFrame(((Number) r[0]).longValue(),
                (String) r[1], r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3])).toList();
    }

    /** Bumps the user's counter; the row stays locked until commit, so the user's changes commit in seq order. */
    private long nextSeq(String userId) {
        Object seq = em.createNativeQuery("INSERT INTO todo_user_seq (user_id, last_seq) VALUES (?1, 1) "
                + "ON CONFLICT (user_id) DO UPDATE SET last_seq = todo_user_seq.last_seq + 1 RETURNING last_seq")
                .setParameter(1, userId).getSingleResult();
        return ((Number) seq).longValue();
    }
}
