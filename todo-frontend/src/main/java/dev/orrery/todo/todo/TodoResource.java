package dev.orrery.todo.todo;

import java.util.List;

import dev.orrery.contracts.todo.TodoView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/todos")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TodoResource {

    private final SecurityIdentity identity;
    private final TodoViews views;

    TodoResource(SecurityIdentity identity, TodoViews views) {
        this.identity = identity;
        this.views = views;
    }

    @GET
    public List<TodoView> list() {
        return views.of(Todo.ofUser(identity.getPrincipal().getName()));
    }
}
