package dev.orrery.todo.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** This instance's open sockets, by user. */
@ApplicationScoped
public class LiveSessions {

    private final Map<String, Set<LiveSession>> byUser = new ConcurrentHashMap<>();
    private final Map<String, LiveSession> byConnection = new ConcurrentHashMap<>();
    private final ChangeLog changeLog;
    private final CatchUp catchUp;

    LiveSessions(ChangeLog changeLog, CatchUp catchUp) {
        this.changeLog = changeLog;
        this.catchUp = catchUp;
    }

    /**
     * Binds the socket to its user and brings it up to date: from {@code since} when the client names it, else from
     * now. {@code since} of -1 means the client's number was unreadable: it gets a reset.
     */
    public void open(WebSocketConnection connection, String userId, Long since) {
        LiveSession session = new LiveSession(connection, userId);
        byConnection.put(connection.id(), session);
        byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(session);
        // Registered before reading the log, so nothing committed from here on can slip between the two.
        if (since == null) {
            session.start(changeLog.lastSeq(userId), List.of(), (a, b) -> changeLog.between(userId, a, b));
        } else {
            session.start(since, catchUp.after(userId, since), (a, b) -> changeLog.between(userId, a, b));
        }
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

    void deliver(String userId, LiveFrame frame) {
        Set<LiveSession> sessions = byUser.get(userId);
        if (sessions != null) {
            String text = frame.toJson().encode();
            sessions.forEach(s -> s.offer(frame, text, (a, b) -> changeLog.between(userId, a, b)));
        }
    }

    public int count() {
        return byConnection.size();
    }
}
