package dev.orrery.todo.view;

import java.util.List;

import dev.orrery.contracts.todo.TodoView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The one template of the todo list, {@code templates/todo/list.html}. Its fragments {@code items} and {@code card}
 * render the same markup for the first page, the card endpoint and every live push.
 */
@CheckedTemplate(basePath = "todo")
public class TodoTemplates {

    public static native TemplateInstance list(List<TodoView> todos, long seq, int maxLength);

    public static native TemplateInstance list$items(List<TodoView> todos);

    public static native TemplateInstance list$card(TodoView todo);
}
