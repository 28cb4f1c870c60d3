package dev.orrery.todo.author;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Gives a user who has no author copy yet the name from their token, at version 0, so their first cards show a name
 * before profile-frontend's first ProfileUpdated arrives; any real event (version 1 and up) replaces it.
 */
@ApplicationScoped
public class AuthorSeed {

    private final EntityManager em;

    AuthorSeed(EntityManager em) {
        this.em = em;
    }

    @Transactional(TxType.MANDATORY)
    public void ensure(String userId, String displayName) {
        // Read first: the card render needs the author anyway (same session), and most POSTs then write nothing here.
        if (displayName == null || displayName.isBlank() || Author.findById(userId) != null) {
            return;
        }
        em.createNativeQuery("INSERT INTO author (user_id, display_name, version, updated_at) "
                + "VALUES (?1, ?2, 0, now()) ON CONFLICT (user_id) DO NOTHING")
                .setParameter(1, userId).setParameter(2, displayName).executeUpdate();
    }
}
