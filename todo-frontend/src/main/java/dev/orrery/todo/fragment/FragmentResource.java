package dev.orrery.todo.fragment;

import dev.orrery.todo.api.TodoNotFoundException;
import dev.orrery.todo.config.TodoConfig;
import dev.orrery.todo.live.ChangeLog;
import dev.orrery.todo.todo.CurrentUser;
import dev.orrery.todo.todo.Todo;
import dev.orrery.todo.todo.TodoId;
import dev.orrery.todo.todo.TodoViews;
import dev.orrery.todo.view.TodoTemplates;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Server-rendered HTML fragments for the gateway to compose; the same template renders every live push. */
@Path("/fragments")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FragmentResource {

    private final CurrentUser user;
    private final TodoViews views;
    private final ChangeLog changes;
    private final TodoConfig config;

    FragmentResource(CurrentUser user, TodoViews views, ChangeLog changes, TodoConfig config) {
        this.user = user;
        this.views = views;
        this.changes = changes;
        this.config = config;
    }

    /** The whole list; {@code data-seq} lets the browser's socket resume right after what this page shows. */
    @GET
    @Path("/list")
    @Transactional
    public TemplateInstance list() {
        // The number is read before the list, so the list is never older than the number claims.
        long seq = changes.lastSeq(user.id());
        return TodoTemplates.list(views.of(Todo.ofUser(user.id())), seq, config.maxTextLength());
    }

    @GET
    @Path("/card/{id}")
    @Transactional
    public TemplateInstance card(@PathParam("id") String id) {
        long todoId = TodoId.parse(id);
        Todo todo = Todo.ofUser(user.id(), todoId).orElseThrow(() -> new TodoNotFoundException(todoId));
        return TodoTemplates.list$card(views.of(todo));
    }
}
