package dev.orrery.gateway.proxy;

import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * Which headers cross the proxy. Requests: only a short allow-list of end-to-end headers (never Cookie, Authorization,
 * Host, Forwarded or hop-by-hop ones); the gateway adds the token and context headers itself. Responses: everything
 * but hop-by-hop headers and Set-Cookie (the gateway's origin has one cookie owner: the gateway).
 */
final class ProxyHeaders {

    static final Set<String> REQUEST_ALLOWED = Set.of("accept", "content-type", "if-match", "if-none-match",
            "if-modified-since", "if-unmodified-since", "idempotency-key");
    private static final Set<String> RESPONSE_DROPPED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "set-cookie", "set-cookie2",
            "content-length");

    private ProxyHeaders() {
    }

    static void copyRequest(MultiMap from, MultiMap to) {
        from.forEach(h -> {
            if (REQUEST_ALLOWED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    static void copyResponse(MultiMap from, MultiMap to) {
        String connection = from.get("Connection");
        Set<String> named = connection == null ? Set.of()
                : new java.util.HashSet<>(java.util.Arrays.asList(connection.toLowerCase(Locale.ROOT).replace(" ", "").split(",")));
        from.forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!RESPONSE_DROPPED.contains(name) && !named.contains(name)) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }
}
