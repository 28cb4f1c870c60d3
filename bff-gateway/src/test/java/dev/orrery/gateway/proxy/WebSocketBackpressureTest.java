package dev.orrery.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubbedGateway;
import dev.orrery.gateway.stub.TightLimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Frames cross the proxy as they are, and a browser that stops reading stops the gateway reading the front-end
 * (the stub's own write queue stays full) until the stall limit (2 s here) closes both sides.
 */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
class WebSocketBackpressureTest extends StubbedGateway {

    /** Far above what the socket buffers between stub, gateway and client hold; far below the stub's 64 MB cap. */
    private static final long BOUND = 24L * 1024 * 1024;

    @Test
    void aFragmentedMessageArrivesInItsFragments() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");
        try (RawWebSocket socket = open(alice, 65536)) {
            socket.sendText("fragments");

            RawWebSocket.Frame first = socket.readFrame();
            RawWebSocket.Frame last = socket.readFrame();
            assertEquals(1, first.opcode());
            assertFalse(first.fin());
            assertEquals("frag", first.text());
            assertEquals(0, last.opcode());
            assertTrue(last.fin());
            assertEquals("ment", last.text());
        }
    }

    @Test
    void aBrowserThatStopsReadingPausesTheUpstreamAndIsClosedWith1013PastTheLimit() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");
        try (RawWebSocket socket = open(alice, 8192)) {
            socket.sendText("flood");

            // The stub sends while its socket takes more; the client reads nothing.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> StubFrontends.todo().flooded() > 0);
            Thread.sleep(1000);
            long stalled = StubFrontends.todo().flooded();
            Thread.sleep(500);
            assertEquals(stalled, StubFrontends.todo().flooded(), "the gateway kept reading the front-end");
            assertTrue(stalled < BOUND, "bytes in flight: " + stalled);

            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> StubFrontends.todo().socketCloses().contains((short) 1001));
            RawWebSocket.Frame frame = socket.readFrame();
            long received = 0;
            while (frame.opcode() != 8) {
                received += frame.payload().length;
                frame = socket.readFrame();
            }
            assertEquals(1013, frame.closeCode());
            assertTrue(frame.text().contains("too slow"), frame.text());
            assertTrue(received <= stalled, received + " received of " + stalled);
        }
    }

    private RawWebSocket open(LoggedIn user, int receiveBuffer) throws Exception {
        RawWebSocket socket = RawWebSocket.open(root.getPort(), "/live/todos", "localhost:" + root.getPort(),
                TightLimitsProfile.ORIGIN, user.sessionCookies(), receiveBuffer);
        assertEquals(101, socket.status(), socket.head);
        return socket;
    }
}
