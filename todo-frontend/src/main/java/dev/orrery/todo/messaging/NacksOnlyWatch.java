package dev.orrery.todo.messaging;

import java.time.Duration;
import java.time.Instant;

/**
 * Watches an outgoing channel for a broker that only nacks (RabbitMQ 3.10.8 can hand out a channel that nacks every
 * publish for good after a queue leader's death): how long since the first nack with no confirm after it.
 */
final class NacksOnlyWatch {

    private Instant firstNackSinceConfirm;
    private Instant lastReopen = Instant.MIN;

    synchronized void confirmed() {
        firstNackSinceConfirm = null;
    }

    /** @return whether to reopen the connection now: only nacks for longer than the limit, no reopen within it */
    synchronized boolean nackedAndReopenDue(Duration limit) {
        Instant now = Instant.now();
        if (firstNackSinceConfirm == null) {
            firstNackSinceConfirm = now;
        }
        if (Duration.between(firstNackSinceConfirm, now).compareTo(limit) > 0 && lastReopen.isBefore(now.minus(limit))) {
            lastReopen = now;
            return true;
        }
        return false;
    }
}
