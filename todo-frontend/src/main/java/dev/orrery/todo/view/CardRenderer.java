package dev.orrery.todo.view;

import java.util.List;

import dev.orrery.contracts.todo.TodoView;
import jakarta.enterprise.context.ApplicationScoped;

/** Renders cards and lists for pushes, from the same template fragments the HTTP fragments use. */
@ApplicationScoped
public class CardRenderer {

    public String card(TodoView todo) {
        return TodoTemplates.list$card(todo).render();
    }

    public String items(List<TodoView> todos) {
        return TodoTemplates.list$items(todos).render();
    }
}
