package dev.orrery.todo.author;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Remembers applied event ids, inside the applying transaction, so a redelivery changes nothing twice. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** @return true the first time this event id is seen (and records it); false for a duplicate */
    @Transactional(TxType.MANDATORY)
    public boolean firstSighting(String eventId, String userId) {
        return em.createNativeQuery("INSERT INTO processed_event (event_id, user_id) VALUES (?1, ?2) "
                + "ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, eventId).setParameter(2, userId).executeUpdate() == 1;
    }
}
