package dev.orrery.todo.todo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.orrery.contracts.todo.TodoPatch;
import dev.orrery.contracts.todo.TodoView;
import dev.orrery.todo.api.InvalidInputException;
import dev.orrery.todo.api.TodoNotFoundException;
import dev.orrery.todo.author.AuthorSeed;
import dev.orrery.todo.live.ChangeLog;
import dev.orrery.todo.live.ChangeType;
import dev.orrery.todo.view.CardRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Every change of a user's todos: validated first, then written together with its numbered change record. */
@ApplicationScoped
public class TodoService {

    private final TodoText text;
    private final TodoViews views;
    private final CardRenderer renderer;
    private final ChangeLog changes;
    private final AuthorSeed authors;

    TodoService(TodoText text, TodoViews views, CardRenderer renderer, ChangeLog changes, AuthorSeed authors) {
        this.text = text;
        this.views = views;
        this.renderer = renderer;
        this.changes = changes;
        this.authors = authors;
    }

    @Transactional
    public TodoView create(String userId, String authorName, String rawText) {
        String valid = text.validated(rawText);
        authors.ensure(userId, authorName);
        Todo todo = new Todo();
        todo.userId = userId;
        todo.text = valid;
        // The database keeps microseconds; cutting here makes the pushed card and a later read show the same time.
        todo.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        todo.persist();
        return changed(ChangeType.ADDED, todo);
    }

    @Transactional
    public TodoView patch(String userId, long id, TodoPatch patch) {
        if (patch == null || (patch.done() == null && patch.priority() == null)) {
            throw new InvalidInputException(null, "Send done (true or false) and/or priority");
        }
        Priority priority = patch.priority() == null ? null : Priority.parse(patch.priority())
                .orElseThrow(() -> new InvalidInputException("priority",
                        "priority is one of " + String.join(", ", Priority.wireValues())));
        Todo todo = Todo.ofUser(userId, id).orElseThrow(() -> new TodoNotFoundException(id));
        if (patch.done() != null) {
            todo.done = patch.done();
        }
        if (priority != null) {
            todo.priority = priority.wire();
        }
        return changed(ChangeType.UPDATED, todo);
    }

    @Transactional
    public void delete(String userId, long id) {
        Todo todo = Todo.ofUser(userId, id).orElseThrow(() -> new TodoNotFoundException(id));
        todo.delete();
        changes.record(userId, ChangeType.DELETED, id, null);
    }

    @Transactional
    public long deleteAll(String userId) {
        long deleted = Todo.delete("userId", userId);
        changes.record(userId, ChangeType.CLEARED, null, null);
        return deleted;
    }

    /** Re-renders a card whose author changed; called inside the transaction that changed the author. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void authorChanged(Todo todo) {
        changed(ChangeType.UPDATED, todo);
    }

    /** The user's open tabs switch to their newly chosen style guide, in order with their other changes. */
    public void styleGuideChanged(String userId, String styleGuide) {
        changes.record(userId, ChangeType.STYLED, null, styleGuide);
    }

    private TodoView changed(ChangeType type, Todo todo) {
        TodoView view = views.of(todo);
        changes.record(todo.userId, type, todo.id, renderer.card(view));
        return view;
    }
}
