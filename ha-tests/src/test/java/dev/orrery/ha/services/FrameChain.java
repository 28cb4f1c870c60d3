package dev.orrery.ha.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tab's received live frames replayed through the rule of todo-frontend's page script (todo-live.js): a frame
 * with the next sequence number is applied; an older one is a duplicate and ignored; a newer one is a gap, upon
 * which the page reconnects with its number and the server replays what is missing; a reset replaces the list.
 */
final class FrameChain {

    record Applied(long seq, String type, Long todoId, long at) {
    }

    private long seq;
    private int received;
    private int duplicates;
    private int gaps;
    private int resets;
    private int sockets;
    private final List<Applied> applied = new ArrayList<>();
    private final Map<Long, Integer> addedTimes = new HashMap<>();

    FrameChain(long initialSeq) {
        this.seq = initialSeq;
    }

    void opened(long at) {
        sockets++;
    }

    void received(JsonNode frame, long at) {
        received++;
        String type = frame.path("type").asText();
        if (type.equals("ready")) {
            return;
        }
        long frameSeq = frame.path("seq").asLong();
        if (type.equals("reset")) {
            resets++;
        } else if (frameSeq <= seq) {
            duplicates++;
            return;
        } else if (frameSeq > seq + 1) {
            gaps++;
            return;
        }
        seq = frameSeq;
        Long todoId = frame.hasNonNull("todoId") ? frame.get("todoId").asLong() : null;
        applied.add(new Applied(frameSeq, type, todoId, at));
        if (type.equals("added")) {
            addedTimes.merge(todoId, 1, Integer::sum);
        }
    }

    int sockets() {
        return sockets;
    }

    long seq() {
        return seq;
    }

    /** How often an "added" frame of this todo was applied (must be exactly once). */
    int timesAdded(long todoId) {
        return addedTimes.getOrDefault(todoId, 0);
    }

    /**
     * The longest time without an applied live update since {@code faultAt} (within the window): how long the
     * user saw nothing move. A steady load makes updates otherwise arrive every few hundred milliseconds.
     */
    long longestSilenceAfter(long faultAt, long windowMillis) {
        long longest = 0;
        long previous = faultAt;
        for (Applied a : applied) {
            if (a.at() <= faultAt) {
                continue;
            }
            if (previous > faultAt + windowMillis) {
                break;
            }
            longest = Math.max(longest, a.at() - previous);
            previous = a.at();
        }
        return longest;
    }

    String summary() {
        return "frames received %d, applied %d (seq now %d), duplicates ignored %d, gaps healed by resume %d, resets %d, sockets opened %d"
                .formatted(received, applied.size(), seq, duplicates, gaps, resets, sockets);
    }

    int resets() {
        return resets;
    }
}
