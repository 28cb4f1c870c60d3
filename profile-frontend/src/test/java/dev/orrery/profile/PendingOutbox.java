package dev.orrery.profile;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.orrery.profile.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The test database's outbox is shared by every test application, and a pending row holds back the rows behind it:
 * tests that publish elsewhere or break the broker leave nothing pending for the next one.
 */
final class PendingOutbox {

    private PendingOutbox() {
    }

    static void awaitNone() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("sentAt is null")) == 0);
    }
}
