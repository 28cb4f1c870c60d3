package dev.orrery.gateway.compose;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import dev.orrery.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

class FragmentFetcherTest {

    @Test
    void aFrontEndUrlOtherThanPlainHttpStopsTheStartWithAClearReason() {
        for (String url : new String[] { "https://todo.example", "todo-frontend:8080", "http:/todo" }) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> FragmentFetcher.requirePlainHttp(Map.of("todo", frontend(url))), url);
            assertTrue(refused.getMessage().startsWith("gateway.frontends.todo.url must be an http:// URL"),
                    refused.getMessage());
        }
        assertDoesNotThrow(() -> FragmentFetcher.requirePlainHttp(Map.of("todo", frontend("http://todo-frontend"),
                "profile", frontend("http://127.0.0.1:8082"))));
    }

    private static GatewayConfig.Frontend frontend(String url) {
        return () -> URI.create(url);
    }
}
