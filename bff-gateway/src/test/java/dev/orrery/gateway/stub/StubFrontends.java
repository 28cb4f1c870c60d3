package dev.orrery.gateway.stub;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts two stub front-ends ({@code todo}, {@code profile}) before the gateway and points the gateway at them.
 * Tests reach them through the static accessors.
 */
public class StubFrontends implements QuarkusTestResourceLifecycleManager {

    public static final String TODO_MANIFEST = """
            {"name":"todo","version":"%s","fragments":[
              {"id":"list","path":"/fragments/list","timeoutMs":1500,"required":true,"primary":true,"cacheable":true}],
             "assets":[{"type":"script","url":"/todo/app.1a2b3c4d5e.js","integrity":"sha384-app"},
                       {"type":"style","url":"/todo/todo.1a2b3c4d5e.css","integrity":"sha384-todocss"}],
             "routes":[{"kind":"http","prefix":"/api/todos"},{"kind":"websocket","prefix":"/live/todos"}]}""";
    public static final String PROFILE_MANIFEST = """
            {"name":"profile","version":"%s","fragments":[
              {"id":"badge","path":"/fragments/badge","timeoutMs":400,"required":false,"primary":false,
               "fallbackHtml":"<span class=\\"badge-fallback\\">Guest</span>","cacheable":true},
              {"id":"page","path":"/fragments/profile","timeoutMs":1500,"required":true,"primary":true,"cacheable":false}],
             "assets":[{"type":"script","url":"/todo/app.1a2b3c4d5e.js","integrity":"sha384-app"},
                       {"type":"style","url":"/todo/todo.1a2b3c4d5e.css","integrity":"sha384-todocss"},
                       {"type":"script","url":"/profile/badge.99aa88bb77.js","integrity":"sha384-badge"}],
             "routes":[{"kind":"http","prefix":"/api/profile"},{"kind":"http","prefix":"/profile/assets"}]}""";

    private static Vertx vertx;
    private static StubFrontend todo;
    private static StubFrontend profile;

    public static StubFrontend todo() {
        return todo;
    }

    public static StubFrontend profile() {
        return profile;
    }

    /** Both stubs back to version 1 manifests and no fragment answers. */
    public static void reset() {
        todo.reset();
        profile.reset();
        todo.manifest(TODO_MANIFEST.formatted("1"));
        profile.manifest(PROFILE_MANIFEST.formatted("1"));
    }

    @Override
    public Map<String, String> start() {
        try {
            vertx = Vertx.vertx();
            todo = new StubFrontend(vertx);
            profile = new StubFrontend(vertx);
            reset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("gateway.frontends.todo.url", todo.url(),
                "gateway.frontends.profile.url", profile.url(),
                "gateway.manifest-refresh", "300ms",
                "gateway.compose.late-limit", "3s");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
