package dev.orrery.todo.author;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.orrery.contracts.event.ProfileUpdated;
import dev.orrery.style.StyleAssets;
import dev.orrery.todo.todo.Todo;
import dev.orrery.todo.todo.TodoService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Keeps the author copy current and re-renders the author's cards. One message at a time, in queue order; the
 * message is acknowledged only after the transaction commits. Idempotent (event ids are remembered in the same
 * transaction) and version-ordered (an older version never overwrites a newer one). A message that throws is
 * requeued; the queue's delivery limit then moves it to the dead-letter queue.
 */
@ApplicationScoped
public class ProfileEventConsumer {

    private static final StyleAssets STYLE_GUIDES = StyleAssets.load();

    private static final Logger LOG = Logger.getLogger(ProfileEventConsumer.class);

    private final ProfileEventReader reader;
    private final ProcessedEvents processed;
    private final TodoService todos;
    private final Event<AuthorChanged> authorChanged;

    ProfileEventConsumer(ProfileEventReader reader, ProcessedEvents processed, TodoService todos,
            Event<AuthorChanged> authorChanged) {
        this.reader = reader;
        this.processed = processed;
        this.todos = todos;
        this.authorChanged = authorChanged;
    }

    @Incoming("profile-events")
    @Blocking
    @Transactional
    public void onProfileUpdated(Object payload) {
        ProfileUpdated event = reader.read(payload);
        if (!processed.firstSighting(event.eventId(), event.userId())) {
            LOG.debugf("ignoring profile event %s: already applied", event.eventId());
            return;
        }
        // Locked: two consumers (a deploy's handover, several pods) may apply this user's events at once, and the
        // version comparison must see the other's commit. A first copy racing another insert fails on the key and
        // is redelivered.
        Author author = Author.findById(event.userId(), LockModeType.PESSIMISTIC_WRITE);
        String previousStyleGuide = author == null ? null : author.styleGuide;
        if (!apply(event, author)) {
            LOG.debugf("ignoring profile event %s: version %d is not newer", event.eventId(), event.version());
            return;
        }
        authorChanged.fire(new AuthorChanged(event.userId()));
        if (STYLE_GUIDES.isStyleGuide(event.styleGuide()) && !event.styleGuide().equals(previousStyleGuide)) {
            todos.styleGuideChanged(event.userId(), event.styleGuide());
        }
        // The user's open tabs show the new name and avatar at once.
        Todo.ofUser(event.userId()).forEach(todos::authorChanged);
    }

    /** @return whether the event was newer than the copy and was applied */
    private static boolean apply(ProfileUpdated event, Author author) {
        if (author != null && author.version >= event.version()) {
            return false;
        }
        if (author == null) {
            author = new Author();
            author.userId = event.userId();
        }
        author.displayName = event.displayName();
        author.avatarUrl = event.avatarUrl();
        author.styleGuide = event.styleGuide();
        author.version = event.version();
        author.updatedAt = Instant.now();
        author.persist();
        return true;
    }
}
