package dev.orrery.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body into memory up to a limit, whatever the request says about its length (chunked bodies have
 * none): past the limit it fails with {@link TooLarge} and drops the rest as it arrives, so the connection stays
 * usable and memory stays bounded.
 */
final class BoundedBody {

    static final class TooLarge extends RuntimeException {
        TooLarge(int limit) {
            super("body larger than " + limit + " bytes", null, false, false);
        }
    }

    private BoundedBody() {
    }

    static Future<Buffer> read(HttpServerRequest request, int limit) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                promise.tryFail(new TooLarge(limit));
            } else if (!promise.future().isComplete()) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }
}
