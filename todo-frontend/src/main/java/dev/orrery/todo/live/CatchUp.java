package dev.orrery.todo.live;

import java.util.List;

import dev.orrery.todo.todo.Todo;
import dev.orrery.todo.todo.TodoViews;
import dev.orrery.todo.view.CardRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What a reconnecting client missed: the stored frames in order, or one reset frame when they are gone. */
@ApplicationScoped
public class CatchUp {

    private final ChangeLog changeLog;
    private final TodoViews views;
    private final CardRenderer renderer;

    CatchUp(ChangeLog changeLog, TodoViews views, CardRenderer renderer) {
        this.changeLog = changeLog;
        this.views = views;
        this.renderer = renderer;
    }

    public List<LiveFrame> after(String userId, long since) {
        long last = changeLog.lastSeq(userId);
        if (since == last) {
            return List.of();
        }
        if (since >= 0 && since < last) {
            List<LiveFrame> missed = changeLog.between(userId, since, Long.MAX_VALUE);
            if (!missed.isEmpty() && missed.get(0).seq() == since + 1) {
                return missed;
            }
        }
        return List.of(reset(userId, last));
    }

    /** Read after the sequence number, so the list is never older than the number it carries. */
    @Transactional
    LiveFrame reset(String userId, long seq) {
        String html = renderer.items(views.of(Todo.ofUser(userId)));
        return new LiveFrame(seq, ChangeType.RESET.wire(), null, html);
    }
}
