package dev.orrery.ha.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.Page;

import dev.orrery.ha.cluster.FaultCluster;
import dev.orrery.ha.cluster.FaultClusterLock;

/**
 * Faults under real user traffic through the real services: the packaged gateway, two todo-frontend instances
 * behind an HTTP HAProxy, and profile-frontend, on their own ports (28080+), databases and exchanges, against the
 * dedicated fault-test cluster (never the shared one). alice adds todos, bob renames himself (ProfileUpdated →
 * todo-frontend re-renders his cards), and both watch the composed page in two Chromium tabs each, over the
 * gateway's live socket. After each fault: every acknowledged action took effect exactly once (databases), every
 * tab applied every live update exactly once (frames counted by the user's sequence number) and shows each card
 * once, and the time until updates flowed again is printed (asserted only as a liveness bound; the 5 s target of
 * a broker node's death is a benchmark figure).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultServicesIT {

    private static final long LIVENESS_BOUND_MS = 30_000;
    private static final FaultCluster CLUSTER = FaultCluster.fromEnvironment();
    private static final Path ROOT = Path.of(System.getProperty("orrery.root", "..")).toAbsolutePath().normalize();
    private static final List<String> report = new ArrayList<>();

    private static FaultClusterLock lock;
    private static ServiceStack stack;
    private static LiveBrowser browser;
    private static KeycloakUser alice;
    private static KeycloakUser bob;
    private static List<LivePage> tabs;
    private static String killedTodo;

    @BeforeAll
    static void startServicesOnTheFaultCluster() throws Exception {
        lock = FaultClusterLock.acquire();
        long t0 = System.currentTimeMillis();
        CLUSTER.up();
        FaultQueues.delete(ServiceStack.TODO_PROFILE_QUEUE, ServiceStack.TODO_PROFILE_QUEUE + ".dlq");
        FaultDatabases.recreate();
        stack = new ServiceStack(ROOT);
        stack.start(FaultCluster.PROXIES.toString());
        alice = KeycloakUser.signIn("alice");
        bob = KeycloakUser.signIn("bob");
        // bob's cards: each of his renames re-renders them, so profile events show up as live updates on his tabs
        assertEquals(3, UserActions.seedTodos(stack, bob, 3), "bob's seed todos");
        browser = new LiveBrowser();
        tabs = new ArrayList<>(browser.signIn(alice, 2));
        tabs.addAll(browser.signIn(bob, 2));
        System.out.printf("fault-test services ready in %d ms (cluster, 4 services, edge, 4 tabs), broker addresses %s%n",
                System.currentTimeMillis() - t0, stack.brokerAddresses());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            System.out.println("==== FaultServicesIT summary ====");
            report.forEach(System.out::println);
            if (browser != null) {
                browser.close();
            }
            if (stack != null) {
                stack.close();
            }
            CLUSTER.down();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    @Test
    @Order(1)
    void brokerNodeLeadingTheServicesQueueKilledWhileServicesGoThroughBothProxies() throws Exception {
        runUnderLoad("leader kill -9, services via HAProxy pair", new LeaderKill());
    }

    @Test
    @Order(2)
    void oneHaproxyKilled() throws Exception {
        runUnderLoad("haproxy-fa kill -9", new Fault() {
            public String inject() {
                CLUSTER.kill("haproxy-fa");
                return "haproxy-fa";
            }

            public void repair() {
                CLUSTER.up();
            }
        });
    }

    /**
     * kill -9 rather than SIGTERM: a stopping instance says "going away" (1001) first, which TodoTwoInstancesIT and
     * DeployIT already prove (and the switch to direct mode below repeats); a crash gives no close frame, drops
     * in-flight requests and takes the instance's live queue with it — the harder case for reconnect and resume.
     * The killed instance is not restarted here: its replacement comes up in direct mode for the last test.
     */
    @Test
    @Order(3)
    void todoInstanceKilledWhileBrowsersHoldSocketsOnIt() throws Exception {
        List<Integer> socketsBefore = tabs.stream().map(t -> t.chain().sockets()).toList();
        Outcome outcome = runUnderLoad("todo-frontend instance kill -9 with live sockets on it", new Fault() {
            public String inject() throws Exception {
                int a = stack.edge().currentSessions("a");
                int b = stack.edge().currentSessions("b");
                killedTodo = a >= b ? "todo-a" : "todo-b";
                stack.kill(killedTodo);
                return killedTodo + " (open sessions at the edge: a=" + a + ", b=" + b + "; not restarted)";
            }

            public void repair() {
                // the other instance serves alone until the last test
            }
        });
        int reopened = 0;
        for (int i = 0; i < tabs.size(); i++) {
            reopened += outcome.chains.get(i).sockets() - socketsBefore.get(i);
        }
        report.add("    sockets reopened by the tabs (to the surviving instance): " + reopened);
        System.out.println(report.get(report.size() - 1));
        assertTrue(reopened > 0, "no tab had its socket on the killed instance, so nothing was proved");
    }

    /** Stopped with SIGTERM (as an operator or a deploy does); it comes back knowing every node (direct mode). */
    @Test
    @Order(4)
    void profileFrontendStoppedForAWhileThenStartedAgain() throws Exception {
        runUnderLoad("profile-frontend stopped, started again (in direct mode)", new Fault() {
            public String inject() throws Exception {
                stack.stop("profile");
                Page tab = browser.newTab(tabs.get(2));
                tab.navigate(ServiceStack.SITE + "/");
                String list = tab.locator("[data-slot='todo:list']").textContent();
                String badge = tab.locator("[data-slot='profile:badge']").textContent();
                tab.close();
                assertTrue(list.contains("Bob Builder"), "todo list renders authors from its own copy: " + list);
                assertTrue(badge.contains("Bob Builder") || badge.contains("Log out"), "badge fallback: " + badge);
                return "profile-frontend (SIGTERM); a page loaded meanwhile showed the list and the badge fallback";
            }

            public void repair() throws Exception {
                stack.useBrokerAddresses(FaultCluster.DIRECT.toString());
                stack.startAgain("profile");
            }

            public boolean stopsProfileEvents() {
                return true;
            }
        });
    }

    /**
     * Direct mode: profile-frontend already knows the three nodes; todo-frontend's killed instance comes back in
     * direct mode and the other one is stopped (SIGTERM: its tabs move over), so every consumer of the queue and the
     * producer know all three nodes. The gateway stays on the proxies (it only drops cached badges on events).
     */
    @Test
    @Order(5)
    void brokerNodeLeadingTheServicesQueueKilledWhileServicesKnowEveryNode() throws Exception {
        long t0 = System.currentTimeMillis();
        stack.startAgain(killedTodo);
        stack.stop(killedTodo.equals("todo-a") ? "todo-b" : "todo-a");
        System.out.printf("todo-frontend switched to direct mode (%s) in %d ms%n", stack.brokerAddresses(),
                System.currentTimeMillis() - t0);
        runUnderLoad("leader kill -9, services know all three nodes", new LeaderKill());
    }

    interface Fault {
        /** Breaks something; returns what it broke. */
        String inject() throws Exception;

        void repair() throws Exception;

        default boolean stopsProfileEvents() {
            return false;
        }
    }

    private static final class LeaderKill implements Fault {
        public String inject() {
            String leader = FaultCluster.shortName(CLUSTER.management().queueLeader(ServiceStack.TODO_PROFILE_QUEUE)
                    .orElseThrow(() -> new IllegalStateException("no leader for " + ServiceStack.TODO_PROFILE_QUEUE)));
            CLUSTER.kill(leader);
            return leader + " (quorum leader of " + ServiceStack.TODO_PROFILE_QUEUE + ")";
        }

        public void repair() {
            CLUSTER.up();
        }
    }

    record Outcome(List<FrameChain> chains) {
    }

    private static Outcome runUnderLoad(String scenario, Fault fault) throws Exception {
        UserActions load = new UserActions(scenario.replaceAll("\\W+", "-"), stack, alice, bob);
        long faultAt;
        long repairedAt;
        String broken;
        long repairMillis;
        try (load) {
            Thread.sleep(3000);
            faultAt = System.currentTimeMillis();
            broken = fault.inject();
            Thread.sleep(6000);
            long t = System.currentTimeMillis();
            fault.repair();
            repairedAt = System.currentTimeMillis();
            repairMillis = repairedAt - t;
            Thread.sleep(4000);
        }
        Verdict verdict = Verdict.of(load, tabs, alice, bob, faultAt, fault.stopsProfileEvents() ? repairedAt : faultAt,
                LIVENESS_BOUND_MS);
        List<String> lines = new ArrayList<>();
        lines.add("== " + scenario + ": broke " + broken + "; back after " + repairMillis + " ms");
        lines.addAll(verdict.lines());
        lines.forEach(System.out::println);
        report.addAll(lines);
        verdict.assertClean();
        return new Outcome(verdict.chains());
    }
}
