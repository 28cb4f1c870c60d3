package dev.orrery.profile.broker;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Watches for a broker that only nacks (RabbitMQ 3.10.8 can hand out a channel that nacks every publish for good
 * after a queue leader's death): how long since the first nack with no confirm after it.
 */
@ApplicationScoped
public class NacksOnlyWatch {

    private Instant firstNackSinceConfirm;
    private Instant lastReopen = Instant.MIN;

    synchronized void confirmed() {
        firstNackSinceConfirm = null;
    }

    synchronized void nacked() {
        if (firstNackSinceConfirm == null) {
            firstNackSinceConfirm = Instant.now();
        }
    }

    /** @return how long only nacks came back; zero when the last answer was a confirm */
    public synchronized Duration nacksOnlyFor() {
        return firstNackSinceConfirm == null ? Duration.ZERO : Duration.between(firstNackSinceConfirm, Instant.now());
    }

    /** Whether to reopen now: only nacks for longer than the limit, and no reopen within the last limit. */
    synchronized boolean reopenDue(Duration limit) {
        Instant now = Instant.now();
        if (nacksOnlyFor().compareTo(limit) > 0 && lastReopen.isBefore(now.minus(limit))) {
            lastReopen = now;
            return true;
        }
        return false;
    }
}
