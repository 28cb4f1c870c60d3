package dev.orrery.todo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Writes queued from several threads all run on the event loop, each thread's in the order it queued them. */
class EventLoopOutboxTest {

    private static final int THREADS = 4;
    private static final int WRITES = 20_000;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyWriteRunsOnTheEventLoopInQueueOrderPerProducer() throws Exception {
        EventLoopOutbox outbox = new EventLoopOutbox(vertx.getOrCreateContext());
        List<List<Integer>> seen = new ArrayList<>(); // touched by the event loop only
        for (int t = 0; t < THREADS; t++) {
            seen.add(new ArrayList<>());
        }
        List<String> offLoop = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(THREADS * WRITES);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int producer = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < WRITES; i++) {
                    int write = i;
                    outbox.write(() -> {
                        if (!Context.isOnEventLoopThread()) {
                            offLoop.add(Thread.currentThread().getName());
                        }
                        seen.get(producer).add(write);
                        done.countDown();
                    });
                }
            });
            thread.start();
            producers.add(thread);
        }
        for (Thread producer : producers) {
            producer.join();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "every queued write ran; missing " + done.getCount());
        CountDownLatch settled = new CountDownLatch(1);
        outbox.write(settled::countDown);
        assertTrue(settled.await(60, TimeUnit.SECONDS));
        assertEquals(List.of(), offLoop, "writes run on the event loop only");
        for (List<Integer> writes : seen) {
            assertEquals(WRITES, writes.size(), "each write ran exactly once");
            for (int i = 0; i < WRITES; i++) {
                assertEquals(i, writes.get(i), "queue order kept");
            }
        }
    }
}
