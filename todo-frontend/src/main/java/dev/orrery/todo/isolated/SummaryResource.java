package dev.orrery.todo.isolated;

import java.util.List;

import dev.orrery.style.StyleAssets;
import dev.orrery.todo.todo.CurrentUser;
import dev.orrery.todo.todo.Todo;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The user's todo summary as a whole document of its own, shown in an iframe on the composed page: todo-frontend's
 * isolated fragment. It talks to the embedding page only through the shared iframe bridge (semantic events and its
 * height up, the style guide and refresh requests down), both sides checking origin and source.
 */
@Path(SummaryResource.PATH)
@Authenticated
public class SummaryResource {

    public static final String PATH = "/todo/isolated/summary";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance summary(long open, long done, String bridgeUrl, String bridgeIntegrity,
                String tokensUrl, String tokensIntegrity);
    }

    private final CurrentUser user;
    private final StyleAssets assets = StyleAssets.load();

    SummaryResource(CurrentUser user) {
        this.user = user;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance summary() {
        List<Todo> todos = Todo.ofUser(user.id());
        long done = todos.stream().filter(t -> t.done).count();
        return Templates.summary(todos.size() - done, done, assets.url("orrery-bridge.js"),
                assets.integrity("orrery-bridge.js"), assets.url("tokens.css"), assets.integrity("tokens.css"));
    }
}
