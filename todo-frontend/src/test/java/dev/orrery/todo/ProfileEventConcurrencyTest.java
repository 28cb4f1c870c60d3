package dev.orrery.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.todo.author.Author;
import dev.orrery.todo.author.ProfileEventConsumer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * Two consumers of the profile-events queue (the old and new instance during a deploy, or several pods) applying one
 * user's events at the same moment: the newer version must win whichever transaction commits last. Called on the
 * real consumer bean against the real database; the broker path itself is ProfileEventConsumerTest's.
 */
@QuarkusTest
class ProfileEventConcurrencyTest {

    private static final int ROUNDS = 15;

    @Inject
    ProfileEventConsumer consumer;

    @Test
    void anOlderEventAppliedConcurrentlyNeverOverwritesANewerOne() throws Exception {
        String userId = "concurrency-" + UUID.randomUUID();
        consumer.onProfileUpdated(payload(userId, "Start", 1));
        for (int round = 0; round < ROUNDS; round++) {
            long older = 2L * round + 2;
            long newer = older + 1;
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Void> applyNewer = CompletableFuture.runAsync(() -> {
                await(together);
                consumer.onProfileUpdated(payload(userId, "Newer " + newer, newer));
            });
            CompletableFuture<Void> applyOlder = CompletableFuture.runAsync(() -> {
                await(together);
                consumer.onProfileUpdated(payload(userId, "Older " + older, older));
            });
            CompletableFuture.allOf(applyNewer, applyOlder).get();
            Author author = QuarkusTransaction.requiringNew().call(() -> Author.findById(userId));
            assertEquals(newer, author.version, "round " + round);
            assertEquals("Newer " + newer, author.displayName, "round " + round);
        }
    }

    private static String payload(String userId, String name, long version) {
        ProfileUpdated event = new ProfileUpdated(ProfileUpdated.SCHEMA, UUID.randomUUID().toString(), userId, name,
                "/api/profile/avatar/" + userId, "daylight", version, Instant.now());
        return JsonObject.mapFrom(event).put("occurredAt", event.occurredAt().toString()).encode();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
