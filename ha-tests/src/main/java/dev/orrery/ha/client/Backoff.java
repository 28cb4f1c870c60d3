package dev.orrery.ha.client;

import java.time.Duration;

/**
 * Reconnect delays: starts at 1 s, not 0, because RabbitMQ 3.10.8 may hand a client that comes
 * back within a second of a queue leader's death a channel that nacks every publish, for good.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long next;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.next = initialMillis;
    }

    public synchronized long nextMillis() {
        long d = next;
        next = Math.min(maxMillis, next * 2);
        return d;
    }

    public synchronized void reset() { next = initialMillis; }
}
