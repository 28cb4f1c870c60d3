package dev.orrery.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orrery.profile.outbox.OutboxEvent;
import dev.orrery.profile.outbox.OutboxRetention;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Sent rows past profile.outbox.retention (7 days by default) are deleted; recent and pending rows stay. */
@QuarkusTest
class OutboxRetentionTest {

    @Inject
    OutboxRetention retention;

    private static long row(Instant createdAt, Instant sentAt, Instant nextAttemptAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEvent row = new OutboxEvent();
            row.eventId = "retention-" + UUID.randomUUID();
            row.routingKey = "profile.updated";
            row.payload = "{}";
            row.createdAt = createdAt;
            row.nextAttemptAt = nextAttemptAt;
            row.sentAt = sentAt;
            row.persist();
            return row.id;
        });
    }

    private static OutboxEvent find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.findById(id));
    }

    @Test
    void oldSentRowsGoRecentAndPendingOnesStay() {
        Instant now = Instant.now();
        Instant tenDaysAgo = now.minus(Duration.ofDays(10));
        long oldSent = row(tenDaysAgo, tenDaysAgo.plusSeconds(1), tenDaysAgo);
        long recentSent = row(now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(1)), now);
        // Not due for a day, so the running relay leaves it alone (it never reaches a consumer).
        long oldPending = row(tenDaysAgo, null, now.plus(Duration.ofDays(1)));
        try {
            assertTrue(retention.cleanUp() >= 1);
            assertNull(find(oldSent), "sent 10 days ago: deleted");
            assertNotNull(find(recentSent), "sent 1 day ago: kept");
            assertNotNull(find(oldPending), "pending, however old: kept");
            assertEquals(0, retention.cleanUp() - retention.cleanUp(), "idempotent");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> OutboxEvent.delete("id in ?1", java.util.List.of(recentSent, oldPending)));
        }
    }
}
