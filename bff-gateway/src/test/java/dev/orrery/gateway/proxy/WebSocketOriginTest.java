package dev.orrery.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubbedGateway;
import dev.orrery.gateway.stub.TightLimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With {@code gateway.origins} set, the site's origin is that list: never what the request's Host header says. */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
class WebSocketOriginTest extends StubbedGateway {

    @Test
    void aHostHeaderCannotMakeAForeignOriginOurs() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");

        try (RawWebSocket socket = RawWebSocket.open(root.getPort(), "/live/todos", "evil.example",
                "http://evil.example", alice.sessionCookies(), 65536)) {
            assertEquals(403, socket.status(), socket.head);
            assertTrue(socket.head.toLowerCase().contains("content-type: application/json"), socket.head);
            assertTrue(socket.refusalBody.contains("\"status\":403"), socket.refusalBody);
        }
        assertTrue(StubFrontends.todo().seen("/live/todos").isEmpty());
    }

    @Test
    void aMissingOriginOrOneThatOnlyMatchesTheHostHeaderIsRefused() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");
        String host = "localhost:" + root.getPort();

        for (String origin : new String[] { null, "http://" + host, "null", "http://orrery.test.evil.example" }) {
            try (RawWebSocket socket = RawWebSocket.open(root.getPort(), "/live/todos", host, origin,
                    alice.sessionCookies(), 65536)) {
                assertEquals(403, socket.status(), origin + " -> " + socket.head);
            }
        }
        assertTrue(StubFrontends.todo().seen("/live/todos").isEmpty());
    }

    @Test
    void theConfiguredOriginIsAcceptedWhateverHostTheIngressSends() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");

        try (RawWebSocket socket = RawWebSocket.open(root.getPort(), "/live/todos", "10.0.0.7:8080",
                TightLimitsProfile.ORIGIN, alice.sessionCookies(), 65536)) {
            assertEquals(101, socket.status(), socket.head);
            socket.sendText("hi");
            assertEquals("echo hi", socket.readFrame().text());
        }
    }
}
