package dev.orrery.todo.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.orrery.contracts.error.ApiError;

/**
 * Refuses a declared body over {@code quarkus.http.limits.max-body-size} with the JSON error every other bad request
 * gets; Vert.x would otherwise answer a bare 413. Chunked bodies without a length are still cut off by Vert.x.
 */
@ApplicationScoped
public class BodySizeLimitFilter {

    private final long maxBytes;

    BodySizeLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    private void limit(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null && isOver(length)) {
            ApiError error = ApiError.of(413, "The body is larger than " + maxBytes + " bytes");
            rc.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close").end(Json.encode(error));
            return;
        }
        rc.next();
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
