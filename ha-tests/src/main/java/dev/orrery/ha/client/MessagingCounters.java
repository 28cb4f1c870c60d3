package dev.orrery.ha.client;

import java.util.concurrent.atomic.LongAdder;

/** What the HA messaging client counts: the figures a service exposes as metrics. */
public final class MessagingCounters {
    public final LongAdder publishes = new LongAdder();
    public final LongAdder republishes = new LongAdder();
    public final LongAdder confirms = new LongAdder();
    public final LongAdder nacks = new LongAdder();
    public final LongAdder confirmTimeouts = new LongAdder();
    public final LongAdder deliveries = new LongAdder();
    public final LongAdder redeliveries = new LongAdder();
    public final LongAdder duplicatesSkipped = new LongAdder();
    public final LongAdder handlerFailures = new LongAdder();
    public final LongAdder deadLetters = new LongAdder();
    public final LongAdder reconnects = new LongAdder();

    @Override
    public String toString() {
        return "publishes=" + publishes + " republishes=" + republishes + " confirms=" + confirms
                + " nacks=" + nacks + " confirmTimeouts=" + confirmTimeouts + " deliveries=" + deliveries
                + " redeliveries=" + redeliveries + " duplicatesSkipped=" + duplicatesSkipped
                + " handlerFailures=" + handlerFailures + " deadLetters=" + deadLetters
                + " reconnects=" + reconnects;
    }
}
