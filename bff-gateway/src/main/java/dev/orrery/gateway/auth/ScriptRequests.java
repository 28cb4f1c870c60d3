package dev.orrery.gateway.auth;

import io.vertx.core.http.HttpServerRequest;

/**
 * Tells a request a script makes (fetch, WebSocket) from a page navigation. A script cannot follow a redirect to the
 * login form nor show an HTML page, so it gets JSON answers (and a WebSocket close code); a navigation gets pages.
 */
public final class ScriptRequests {

    private ScriptRequests() {
    }

    /**
     * A WebSocket upgrade; or, unless the browser says it is navigating, a request under {@code /api} or {@code /live}
     * or one that accepts JSON but not HTML.
     */
    public static boolean isScript(HttpServerRequest request) {
        if (isUpgrade(request)) {
            return true;
        }
        if (isNavigation(request)) {
            return false;
        }
        String path = request.path();
        return under(path, "/api") || under(path, "/live") || acceptsJsonNotHtml(request.getHeader("Accept"));
    }

    public static boolean isUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    /** Browsers say so ({@code Sec-Fetch-Mode: navigate}); without that header, a client that asks for HTML. */
    private static boolean isNavigation(HttpServerRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null) {
            return mode.equalsIgnoreCase("navigate");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static boolean acceptsJsonNotHtml(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    private static boolean under(String path, String prefix) {
        return path != null && path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
