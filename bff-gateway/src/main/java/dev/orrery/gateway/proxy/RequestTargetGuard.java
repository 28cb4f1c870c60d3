package dev.orrery.gateway.proxy;

import java.util.Locale;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

/**
 * Refuses, before anything else sees them, request targets that could mean another path after some decoding or
 * normalizing: dot segments (plain or encoded), encoded slashes and backslashes, doubled slashes, NUL, absolute
 * URLs in the request line, and Host headers that are not a plain host[:port]. They get a plain 404, like any other
 * undeclared path.
 */
@Singleton
public class RequestTargetGuard {

    /** Before authentication (Quarkus runs its security filters at small negative orders). */
    public static final int ORDER = -10_000;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (isSafe(ctx.request())) {
            ctx.next();
        } else {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("Not Found");
        }
    }

    static boolean isSafe(HttpServerRequest request) {
        String host = request.getHeader("Host");
        return isSafeTarget(request.uri()) && (host == null || HOST.matcher(host).matches());
    }

    static boolean isSafeTarget(String target) {
        if (target == null || !target.startsWith("/")) {
            return false;
        }
        int query = target.indexOf('?');
        String path = (query < 0 ? target : target.substring(0, query)).toLowerCase(Locale.ROOT);
        return !path.contains("//") && !path.contains("\\") && !path.contains("%2e") && !path.contains("%2f")
                && !path.contains("%5c") && !path.contains("%00") && !path.contains("%25") && !hasDotSegment(path);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
