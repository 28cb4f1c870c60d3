package dev.orrery.todo.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Context;

/**
 * Writes to sockets from their own event loop, batched: a change for 500 sockets costs one task per event loop
 * instead of one cross-thread hand-off (and wake-up) per socket. Writes run in the order they were queued, so a
 * socket whose writes are queued in sequence order receives them in that order.
 */
final class EventLoopOutbox {

    private final Context eventLoop;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    EventLoopOutbox(Context eventLoop) {
        this.eventLoop = eventLoop;
    }

    void write(Runnable write) {
        pending.add(write);
        if (scheduled.compareAndSet(false, true)) {
            eventLoop.runOnContext(v -> drain());
        }
    }

    private void drain() {
        // Cleared first: a write queued while draining either is polled below or schedules the next drain.
        scheduled.set(false);
        for (Runnable write = pending.poll(); write != null; write = pending.poll()) {
            write.run();
        }
    }
}
