package dev.orrery.todo.fragment;

import java.util.List;

import dev.orrery.contracts.todo.TodoView;
import dev.orrery.todo.todo.Todo;
import dev.orrery.todo.todo.TodoViews;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Server-rendered HTML fragments for the gateway to compose. */
@Path("/fragments")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FragmentResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<TodoView> todos);
    }

    private final SecurityIdentity identity;
    private final TodoViews views;

    FragmentResource(SecurityIdentity identity, TodoViews views) {
        this.identity = identity;
        this.views = views;
    }

    @GET
    @Path("/list")
    public TemplateInstance list() {
        return Templates.list(views.of(Todo.ofUser(identity.getPrincipal().getName())));
    }
}
