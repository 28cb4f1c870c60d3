package dev.orrery.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

@QuarkusTest
@TestProfile(StubProfile.class)
class WebSocketProxyTest {

    private static Vertx vertx;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startClient() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopClient() {
        vertx.close();
    }

    @Test
    void aDeclaredSocketIsPipedBothWaysWithTheTokenAndTheCloseCodeComesBack() throws Exception {
        StubFrontends.reset();
        LoggedIn alice = LoggedIn.as(site(), "alice");
        WebSocket socket = connect(alice, "http://localhost:" + root.getPort()).get(10, TimeUnit.SECONDS);
        CompletableFuture<String> echo = new CompletableFuture<>();
        CompletableFuture<Short> closed = new CompletableFuture<>();
        socket.textMessageHandler(echo::complete);
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));

        socket.writeTextMessage("hello");
        assertEquals("echo hello", echo.get(10, TimeUnit.SECONDS));
        socket.writeTextMessage("bye");
        assertEquals((short) 4001, closed.get(10, TimeUnit.SECONDS));

        var seen = StubFrontends.todo().seen("/live/todos").get(0).headers();
        assertTrue(seen.get("Authorization").startsWith("Bearer ey"));
        assertFalse(seen.contains("Cookie"));
    }

    @Test
    void aSocketFromAnotherOriginIsRefused() throws Exception {
        LoggedIn alice = LoggedIn.as(site(), "alice");
        var attempt = connect(alice, "https://evil.example");
        try {
            attempt.get(10, TimeUnit.SECONDS);
            throw new AssertionError("connected from another origin");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause().getMessage().contains("403"), e.getCause().getMessage());
        }
    }

    private CompletableFuture<WebSocket> connect(LoggedIn user, String origin) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(root.getPort())
                .setURI("/live/todos").setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add("Cookie", user.sessionCookies()).add("Origin", origin));
        return vertx.createHttpClient().webSocket(options).toCompletionStage().toCompletableFuture();
    }

    private String site() {
        return root.toString().replaceAll("/$", "");
    }
}
