package dev.orrery.profile.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.orrery.profile.broker.BrokerPublisher;
import dev.orrery.profile.broker.InstanceBroker;
import dev.orrery.profile.broker.PublishMetrics;
import dev.orrery.profile.config.ProfileConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Two profile-frontend instances relay the same outbox (Kubernetes runs two replicas): two relays, each with its own
 * broker connection and database transactions, against the real PostgreSQL and RabbitMQ. Every event is published
 * exactly once and in id order, and rows claimed by an instance that dies are taken over by the other.
 */
@QuarkusTest
@TestProfile(OutboxTwoInstancesTest.OnlyTheTestsRelays.class)
class OutboxTwoInstancesTest {

    /** This application's own relay polls once an hour, so the test decides which relays run. */
    public static class OnlyTheTestsRelays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("profile.outbox.poll-interval", "PT1H");
        }
    }

    /** Bound by the test's queue only: no other consumer of the test exchange sees these events. */
    private static final String ROUTING_KEY = "outbox.two-instances";

    @Inject
    ProfileConfig config;
    @Inject
    OutboxStore store;
    @Inject
    OutboxRetention retention;
    @Inject
    PublishMetrics metrics;

    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private InstanceBroker brokerA;
    private InstanceBroker brokerB;
    private RoutedMessages published;

    @BeforeEach
    void twoInstances() throws Exception {
        brokerA = new InstanceBroker(config, metrics);
        brokerB = new InstanceBroker(config, metrics);
        published = new RoutedMessages(config.broker().exchange(), ROUTING_KEY);
        drainLeftovers(relay(brokerA.publisher()));
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        published.close();
        brokerA.close();
        brokerB.close();
    }

    @Test
    void twoInstancesPublishEveryEventExactlyOnceInIdOrder() throws Exception {
        OutboxRelay a = relay(brokerA.publisher());
        OutboxRelay b = relay(brokerB.publisher());
        // due in a moment, so that both relays are already polling when the rows become due
        List<String> events = pendingRows(300, Instant.now().plusSeconds(1));

        Future<Integer> byA = threads.submit(() -> relayUntilSent(a, events));
        Future<Integer> byB = threads.submit(() -> relayUntilSent(b, events));
        int confirmed = byA.get(2, TimeUnit.MINUTES) + byB.get(2, TimeUnit.MINUTES);

        List<String> received = published.awaitAtLeast(events.size(), Duration.ofSeconds(30));
        Thread.sleep(1000); // a duplicate would arrive right behind
        received = published.all();
        assertPublishedOnceInOrder(events, received);
        assertEquals(events.size(), confirmed, "rows marked sent by the two relays together");
    }

    @Test
    void rowsClaimedByAnInstanceThatDiesAreTakenOver() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch dead = new CountDownLatch(1);
        AtomicInteger session = new AtomicInteger();
        OutboxRelay dying = relay(InstanceBroker.stuck(config, metrics, () -> {
            claimed.countDown();
            session.set(((Number) OutboxEvent.getEntityManager().createNativeQuery("SELECT pg_backend_pid()")
                    .getSingleResult()).intValue());
            return dead.await(2, TimeUnit.MINUTES);
        }));
        OutboxRelay survivor = relay(brokerB.publisher());
        List<String> events = pendingRows(40, Instant.now());

        Future<Integer> byDying = threads.submit(dying::relayDue);
        assertTrue(claimed.await(30, TimeUnit.SECONDS), "the first instance started publishing");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < until) {
            survivor.relayDue();
            Thread.sleep(20);
        }
        assertEquals(0, published.all().size(), "nothing is published while another instance holds the rows");
        assertEquals(events.size(), pendingOf(events), "the claimed rows are still pending");

        // The instance dies: PostgreSQL ends its session (as when its process is killed) and rolls its claim back.
        terminate(session.get());
        dead.countDown();
        try {
            byDying.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // its transaction is gone
        }

        relayUntilSent(survivor, events);
        List<String> received = published.awaitAtLeast(events.size(), Duration.ofSeconds(30));
        Thread.sleep(500);
        assertPublishedOnceInOrder(events, published.all());
        assertEquals(events.size(), received.size());
    }

    private OutboxRelay relay(BrokerPublisher publisher) {
        return new OutboxRelay(store, publisher, metrics, retention, config);
    }

    private static void assertPublishedOnceInOrder(List<String> events, List<String> received) {
        Map<String, Long> times = received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> twice = times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        assertEquals(0, twice.size(), twice.size() + " of " + events.size() + " events were published more than once, e.g. "
                + twice.stream().limit(5).toList());
        assertEquals(Set.copyOf(events), times.keySet(), "every event is published");
        assertEquals(events, received, "in id order");
    }

    /** Rows as Outbox.append writes them, to a routing key only this test's queue is bound to. */
    private static List<String> pendingRows(int count, Instant due) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                OutboxEvent row = new OutboxEvent();
                row.eventId = "two-instances-" + run + "-" + i;
                row.routingKey = ROUTING_KEY;
                row.payload = "{\"n\":" + i + "}";
                row.createdAt = Instant.now();
                row.nextAttemptAt = due;
                row.persist();
                ids.add(row.eventId);
            }
            return ids;
        });
    }

    /** Runs relay rounds until none of the events is pending; @return how many rows this relay marked sent. */
    private static int relayUntilSent(OutboxRelay relay, List<String> events) throws InterruptedException {
        int sent = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (pendingOf(events) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pendingOf(events) + " events still pending after a minute");
            }
            int round = relay.relayDue();
            sent += round;
            if (round == 0) {
                Thread.sleep(5);
            }
        }
        return sent;
    }

    private static long pendingOf(List<String> events) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.count("sentAt is null and eventId in ?1", events));
    }

    /** Other test classes may have left rows pending (their broker was away); they would hold back this test's. */
    private static void drainLeftovers(OutboxRelay relay) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            relay.relayDue();
            return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("sentAt is null")) == 0;
        });
    }

    private static void terminate(int backendPid) {
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.getEntityManager()
                .createNativeQuery("SELECT pg_terminate_backend(?1)").setParameter(1, backendPid).getSingleResult());
    }
}
