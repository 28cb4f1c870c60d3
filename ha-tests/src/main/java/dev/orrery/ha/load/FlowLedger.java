package dev.orrery.ha.load;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** When each message was published, confirmed and applied; the stalls around a fault. */
public final class FlowLedger {

    private static final class Timeline {
        volatile long published;
        volatile long confirmed;
        volatile long applied;
    }

    private final ConcurrentHashMap<String, Timeline> byId = new ConcurrentHashMap<>();

    private Timeline of(String id) { return byId.computeIfAbsent(id, k -> new Timeline()); }

    public void published(String id) { of(id).published = System.nanoTime(); }

    public void confirmed(String id) { of(id).confirmed = System.nanoTime(); }

    public void applied(String id) { of(id).applied = System.nanoTime(); }

    public Set<String> confirmedIds() {
        return byId.entrySet().stream().filter(e -> e.getValue().confirmed != 0)
                .map(java.util.Map.Entry::getKey).collect(Collectors.toSet());
    }

    public long publishedCount() { return byId.values().stream().filter(t -> t.published != 0).count(); }

    public long appliedCount() { return byId.values().stream().filter(t -> t.applied != 0).count(); }

    /** Longest time without a confirm in [from, to], counting from {@code from} itself. */
    public Duration longestConfirmStall(long from, long to) {
        return longestStall(byId.values().stream().mapToLong(t -> t.confirmed), from, to);
    }

    /** Longest time without a first application in [from, to], counting from {@code from} itself. */
    public Duration longestApplyStall(long from, long to) {
        return longestStall(byId.values().stream().mapToLong(t -> t.applied), from, to);
    }

    /** From {@code from} until the first confirm of a message published after it. */
    public Duration firstConfirmOfNewMessage(long from) {
        return Duration.ofNanos(byId.values().stream()
                .filter(t -> t.published >= from && t.confirmed != 0)
                .mapToLong(t -> t.confirmed - from).min().orElse(-1));
    }

    private static Duration longestStall(java.util.stream.LongStream times, long from, long to) {
        long[] sorted = times.filter(t -> t >= from && t <= to).sorted().toArray();
        if (sorted.length == 0) return Duration.ofNanos(to - from);
        long longest = sorted[0] - from;
        for (int i = 1; i < sorted.length; i++) longest = Math.max(longest, sorted[i] - sorted[i - 1]);
        return Duration.ofNanos(Math.max(longest, to - sorted[sorted.length - 1]));
    }

}
