package dev.orrery.todo.todo;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.orrery.contracts.error.ApiError;
import dev.orrery.contracts.todo.NewTodo;
import dev.orrery.contracts.todo.TodoPatch;
import dev.orrery.contracts.todo.TodoView;
import dev.orrery.todo.api.InvalidInputException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The signed-in user's todos. Every change also goes out to that user's open sockets. */
@Path("/api/todos")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "todos")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid access token")
public class TodoResource {

    private final CurrentUser user;
    private final TodoService todos;
    private final TodoViews views;

    TodoResource(CurrentUser user, TodoService todos, TodoViews views) {
        this.user = user;
        this.todos = todos;
        this.views = views;
    }

    @GET
    @Operation(summary = "The user's todos, newest first")
    @APIResponse(responseCode = "200", description = "The todos", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TodoView.class)))
    public List<TodoView> list() {
        return views.of(Todo.ofUser(user.id()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a todo")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = TodoView.class)))
    @APIResponse(responseCode = "400", description = "Missing, blank or too long text, or malformed JSON", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Body over the size limit", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Neither JSON nor a form", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(NewTodo body) {
        if (body == null) {
            throw new InvalidInputException("text", "Send a JSON object with the todo's text");
        }
        TodoView created = todos.create(user.id(), user.displayName(), body.text());
        return Response.created(URI.create("/api/todos/" + created.id())).entity(created).build();
    }

    /** The page's form works without JavaScript: add, then back to the page the form was on. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Add a todo from the page's form; answers 303 back to the page")
    @APIResponse(responseCode = "303", description = "Added")
    @APIResponse(responseCode = "400", description = "Missing, blank or too long text", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response createFromForm(@FormParam("text") String text, @HeaderParam("Referer") String referer) {
        todos.create(user.id(), user.displayName(), text);
        // A path only, never another origin; set raw so it stays relative to whatever host (the gateway) was used.
        return Response.status(Response.Status.SEE_OTHER).header("Location", sameOriginPath(referer)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a todo done or not done, and/or set its priority")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = TodoView.class)))
    @APIResponse(responseCode = "400", description = "Nothing to change, bad priority, non-numeric id or malformed JSON", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such todo for this user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public TodoView patch(@PathParam("id") String id, TodoPatch patch) {
        return todos.patch(user.id(), TodoId.parse(id), patch);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete one todo")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Non-numeric id", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such todo for this user", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public void delete(@PathParam("id") String id) {
        todos.delete(user.id(), TodoId.parse(id));
    }

    @DELETE
    @Operation(summary = "Delete all of the user's todos")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteAll() {
        todos.deleteAll(user.id());
    }

    private static String sameOriginPath(String referer) {
        try {
            URI uri = referer == null ? null : new URI(referer);
            if (uri != null && uri.getRawPath() != null && uri.getRawPath().startsWith("/")
                    && !uri.getRawPath().startsWith("//")) {
                return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            }
        } catch (java.net.URISyntaxException e) {
            // an unreadable Referer sends the user to the start page
        }
        return "/";
    }
}
