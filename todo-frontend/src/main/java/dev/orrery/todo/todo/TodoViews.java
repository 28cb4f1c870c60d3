package dev.orrery.todo.todo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orrery.contracts.todo.TodoView;
import dev.orrery.todo.author.Author;
import jakarta.enterprise.context.ApplicationScoped;

/** Maps todo entities to the API contract, joining the local author copy. */
@ApplicationScoped
public class TodoViews {

    public List<TodoView> of(List<Todo> todos) {
        List<String> userIds = todos.stream().map(t -> t.userId).distinct().toList();
        Map<String, Author> authors = userIds.isEmpty() ? Map.of()
                : Author.<Author> list("userId in ?1", userIds).stream()
                        .collect(Collectors.toMap(a -> a.userId, Function.identity()));
        return todos.stream().map(t -> of(t, authors.get(t.userId))).toList();
    }

    public TodoView of(Todo todo) {
        return of(todo, Author.findById(todo.userId));
    }

    public TodoView of(Todo todo, Author author) {
        return new TodoView(todo.id, todo.text, todo.done, todo.priority, todo.createdAt,
                authorOf(todo.userId, author));
    }

    /** Until the author is known the author is shown by a neutral name, never by a raw id. */
    public static TodoView.Author authorOf(String userId, Author author) {
        return author == null
                ? new TodoView.Author(userId, "Someone", null)
                : new TodoView.Author(userId, author.displayName, author.avatarUrl);
    }
}
