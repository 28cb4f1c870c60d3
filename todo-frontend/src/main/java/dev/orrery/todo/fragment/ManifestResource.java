package dev.orrery.todo.fragment;

import java.util.List;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.todo.config.TodoConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this front-end declares to the gateway: fragments, assets, and the only routes it may proxy here. */
@Path(FragmentManifest.PATH)
public class ManifestResource {

    private final TodoConfig config;

    ManifestResource(TodoConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public FragmentManifest manifest() {
        return new FragmentManifest("todo", config.version(),
                List.of(new FragmentManifest.Fragment("list", "/fragments/list", 5000, true, true,
                        null, true)),
                List.of(),
                List.of(new FragmentManifest.Route("http", "/api/todos"),
                        new FragmentManifest.Route("websocket", "/live/todos")));
    }
}
