package dev.orrery.gateway.compose;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The deadlines of one pool's exchanges that share one timeout, so they expire in the order they started: a queue
 * and one timer for its oldest unsettled exchange. A timer per exchange, cancelled when it settles, cost a heap
 * insertion and a heap removal in the event loop's task queue for every fragment (bench/compose JFR: 5 % of the
 * samples); here an exchange costs a queue append, and settled ones are dropped from the front as new ones come.
 * Runs on the pool's event loop only.
 */
final class FragmentDeadlines {

    private final EventLoop loop;
    private final long timeoutNanos;
    private final ArrayDeque<FragmentExchange> started = new ArrayDeque<>();
    private ScheduledFuture<?> timer;

    FragmentDeadlines(EventLoop loop, long timeoutMs) {
        this.loop = loop;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    void add(FragmentExchange exchange) {
        dropSettled();
        exchange.deadlineNanos = System.nanoTime() + timeoutNanos;
        started.addLast(exchange);
        if (timer == null) {
            timer = loop.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire() {
        timer = null;
        long now = System.nanoTime();
        FragmentExchange oldest;
        while ((oldest = started.peekFirst()) != null && (oldest.done() || oldest.deadlineNanos - now <= 0)) {
            started.pollFirst();
            oldest.timedOut();
        }
        if (oldest != null) {
            timer = loop.schedule(this::expire, oldest.deadlineNanos - now, TimeUnit.NANOSECONDS);
        }
    }

    private void dropSettled() {
        while (!started.isEmpty() && started.peekFirst().done()) {
            started.pollFirst();
        }
    }
}
