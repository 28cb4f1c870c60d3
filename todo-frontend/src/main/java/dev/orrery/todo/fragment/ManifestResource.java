package dev.orrery.todo.fragment;

import java.util.List;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.style.StyleAssets;
import dev.orrery.todo.config.TodoConfig;
import dev.orrery.todo.isolated.SummaryResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this front-end declares to the gateway: fragments, assets, and the only routes it may proxy here. */
@Path(FragmentManifest.PATH)
public class ManifestResource {

    private final FragmentManifest manifest;

    ManifestResource(TodoConfig config) {
        StyleAssets shared = StyleAssets.load();
        this.manifest = new FragmentManifest("todo", config.version(),
                List.of(new FragmentManifest.Fragment("list", "/fragments/list", 5000, true, true, null, true)),
                List.of(shared("style", shared, "tokens.css"),
                        shared("style", shared, "base.css"),
                        OwnAssets.asset("style", "todo.css"),
                        shared("script", shared, "orrery-timer.js"),
                        shared("script", shared, "orrery-picker.js"),
                        OwnAssets.asset("script", "todo-live.js")),
                List.of(new FragmentManifest.Route("http", "/api/todos"),
                        new FragmentManifest.Route("http", OwnAssets.BASE),
                        new FragmentManifest.Route("http", SummaryResource.PATH),
                        new FragmentManifest.Route("websocket", "/live/todos")));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public FragmentManifest manifest() {
        return manifest;
    }

    private static FragmentManifest.Asset shared(String type, StyleAssets assets, String name) {
        return new FragmentManifest.Asset(type, assets.url(name), assets.integrity(name));
    }
}
