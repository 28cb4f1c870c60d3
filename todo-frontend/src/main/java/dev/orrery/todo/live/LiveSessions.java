package dev.orrery.todo.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.orrery.todo.config.TodoConfig;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** This instance's open sockets, by user. */
@ApplicationScoped
public class LiveSessions {

    private final Map<String, Set<LiveSession>> byUser = new ConcurrentHashMap<>();
    private final Map<String, LiveSession> byConnection = new ConcurrentHashMap<>();
    private final ChangeLog changeLog;
    private final CatchUp catchUp;
    private final Vertx vertx;
    private final EventLoopOutboxes outboxes;
    private final long resumeWaitMillis;

    LiveSessions(ChangeLog changeLog, CatchUp catchUp, Vertx vertx, EventLoopOutboxes outboxes, TodoConfig config) {
        this.changeLog = changeLog;
        this.catchUp = catchUp;
        this.vertx = vertx;
        this.outboxes = outboxes;
        this.resumeWaitMillis = Math.max(1, config.live().resumeWait().toMillis());
    }

    /**
     * Binds the socket to its user and brings it up to date: from {@code since} when the client names it in the URL,
     * else from its first message (see {@link #resume}) or, when none comes within {@code todo.live.resume-wait},
     * from the number read now. {@code since} of -1 means the client's number was unreadable: it gets a reset.
     */
    public void open(WebSocketConnection connection, String userId, Long since) {
        LiveSession session = new LiveSession(connection, userId, outboxes.current());
        byConnection.put(connection.id(), session);
        byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(session);
        // Registered before reading the log, so nothing committed from here on can slip between the two.
        if (since != null) {
            session.claimStart();
            start(session, since);
            return;
        }
        long now = changeLog.lastSeq(userId);
        vertx.setTimer(resumeWaitMillis, timer -> vertx.executeBlocking(() -> {
            if (session.claimStart()) {
                session.start(now, List.of(), (a, b) -> changeLog.between(userId, a, b));
            }
            return null;
        }, false));
    }

    /**
     * The client's first message {@code {"type":"resume","since":N}}: replays after N (or resets) exactly as
     * {@code ?since=N} would. False when the socket already started (the message came too late or twice).
     */
    public boolean resume(WebSocketConnection connection, long since) {
        LiveSession session = byConnection.get(connection.id());
        if (session == null || !session.claimStart()) {
            return false;
        }
        start(session, since);
        return true;
    }

    private void start(LiveSession session, long since) {
        String userId = session.userId();
        session.start(since, catchUp.after(userId, since), (a, b) -> changeLog.between(userId, a, b));
    }

    public void close(WebSocketConnection connection) {
        LiveSession session = byConnection.remove(connection.id());
        if (session != null) {
            byUser.computeIfPresent(session.userId(), (u, set) -> {
                set.remove(session);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Hands a change to this instance's sockets of its user; a frame they already have is dropped per socket. */
    void deliver(String userId, LiveFrame frame) {
        Set<LiveSession> sessions = byUser.get(userId);
        if (sessions != null) {
            byte[] utf8 = frame.toUtf8();
            sessions.forEach(s -> s.offer(frame, utf8, (a, b) -> changeLog.between(userId, a, b)));
        }
    }

    public int count() {
        return byConnection.size();
    }
}
