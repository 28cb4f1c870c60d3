package dev.orrery.todo.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open socket of one user. Sends each sequence number once and in order: frames that arrive while the catch-up
 * is being sent are held, duplicates are dropped, and a frame that overtakes another first gets the missing ones
 * from the change log.
 */
final class LiveSession {

    private final WebSocketConnection connection;
    private final SocketWriter writer;
    private final String userId;
    private final EventLoopOutbox outbox;
    private final List<LiveFrame> held = new ArrayList<>();
    private boolean started;
    private long lastSeq;
    private boolean claimed;

    /** {@code outbox} null: frames are written from the calling thread. */
    LiveSession(WebSocketConnection connection, String userId, EventLoopOutbox outbox) {
        this.connection = connection;
        this.writer = new SocketWriter(connection);
        this.userId = userId;
        this.outbox = outbox;
    }

    String userId() {
        return userId;
    }

    String id() {
        return connection.id();
    }

    /**
     * True for the first caller only: a socket is started once, either by the client's resume message or, when none
     * comes in time, live from the number read when it opened.
     */
    synchronized boolean claimStart() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /**
     * Sends the catch-up, then whatever arrived meanwhile, then a {@code ready} frame. {@code lastSeq} is what the
     * client has seen.
     */
    synchronized void start(long lastSeq, List<LiveFrame> catchUp, BiFunction<Long, Long, List<LiveFrame>> gap) {
        this.lastSeq = lastSeq;
        catchUp.forEach(this::send);
        started = true;
        held.forEach(frame -> offer(frame, null, gap));
        held.clear();
        write(new LiveFrame(this.lastSeq, ChangeType.READY.wire(), null, null));
    }

    /**
     * {@code utf8} is the frame's JSON, encoded once for all sockets of the user (null: encode here);
     * {@code gap.apply(after, before)} answers the stored frames strictly between the two numbers.
     */
    synchronized void offer(LiveFrame frame, byte[] utf8, BiFunction<Long, Long, List<LiveFrame>> gap) {
        if (!started) {
            held.add(frame);
            return;
        }
        if (frame.seq() <= lastSeq) {
            return;
        }
        if (frame.seq() > lastSeq + 1) {
            gap.apply(lastSeq, frame.seq()).forEach(this::send);
        }
        lastSeq = frame.seq();
        write(frame.seq(), utf8 != null ? utf8 : frame.toUtf8());
    }

    private void send(LiveFrame frame) {
        if (frame.seq() <= lastSeq && !ChangeType.RESET.wire().equals(frame.type())) {
            return;
        }
        lastSeq = frame.seq();
        write(frame.seq(), frame.toUtf8());
    }

    private void write(LiveFrame frame) {
        write(frame.seq(), frame.toUtf8());
    }

    /** Called holding this session's lock, so frames are queued, and therefore written, in sequence order. */
    private void write(long seq, byte[] utf8) {
        if (outbox == null) {
            writer.write(seq, utf8);
        } else {
            outbox.write(() -> writer.write(seq, utf8));
        }
    }
}
