package dev.orrery.ha.services;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a scenario left behind, checked against the databases and the tabs: acknowledged actions applied exactly
 * once, unacknowledged ones at most once, every live update applied once by every tab of its user, each card shown
 * once, and how long the users saw nothing move.
 */
final class Verdict {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<FrameChain> chains = new ArrayList<>();

    private Verdict() {
    }

    /**
     * @param profileFlowFrom from when bob's live updates must flow: the fault, or the repair when the fault stops
     *                        profile-frontend itself (nothing can be acknowledged while it is down)
     */
    static Verdict of(UserActions load, List<LivePage> tabs, KeycloakUser writer, KeycloakUser renamer, long faultAt,
            long profileFlowFrom, long boundMillis) throws Exception {
        Verdict v = new Verdict();
        v.settle(tabs);
        v.checkTodos(load);
        v.checkRenames(load, renamer);
        v.checkTabs(load, tabs, writer, faultAt, profileFlowFrom, boundMillis);
        return v;
    }

    /** Waits (bounded) until every tab has applied up to its user's last sequence number in the database. */
    private void settle(List<LivePage> tabs) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            boolean behind = false;
            for (LivePage tab : tabs) {
                behind |= tab.chain().seq() < FaultDatabases.lastSeq(tab.user().id());
            }
            if (!behind || System.currentTimeMillis() > deadline) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private void checkTodos(UserActions load) throws Exception {
        Set<String> texts = new HashSet<>(load.addsUnanswered());
        load.added().forEach(a -> texts.add(a.text()));
        Map<String, Integer> counts = FaultDatabases.todoCountsByText(texts);
        int wrong = 0;
        for (UserActions.AddedTodo a : load.added()) {
            if (counts.getOrDefault(a.text(), 0) != 1) {
                wrong++;
                problems.add("acknowledged todo '" + a.text() + "' stored " + counts.getOrDefault(a.text(), 0) + " times");
            }
        }
        int unansweredStored = 0;
        for (String text : load.addsUnanswered()) {
            int n = counts.getOrDefault(text, 0);
            unansweredStored += n;
            if (n > 1) {
                problems.add("unanswered todo '" + text + "' stored " + n + " times");
            }
        }
        lines.add("  todo adds (alice, todo API via the edge): acknowledged %d, stored exactly once %d; unanswered %d (stored anyway: %d, at most once each)"
                .formatted(load.added().size(), load.added().size() - wrong, load.addsUnanswered().size(), unansweredStored));
    }

    private void checkRenames(UserActions load, KeycloakUser renamer) throws Exception {
        Map<Long, List<FaultDatabases.OutboxRow>> byVersion = new HashMap<>();
        long newest = 0;
        String newestName = null;
        for (FaultDatabases.OutboxRow row : FaultDatabases.outbox(renamer.id())) {
            JsonNode event = JSON.readTree(row.payload());
            long version = event.get("version").asLong();
            byVersion.computeIfAbsent(version, k -> new ArrayList<>()).add(row);
            if (version > newest) {
                newest = version;
                newestName = event.get("displayName").asText();
            }
        }
        Set<String> processed = FaultDatabases.processedEvents(renamer.id());
        int applied = 0;
        for (UserActions.Rename r : load.renames()) {
            List<FaultDatabases.OutboxRow> rows = byVersion.getOrDefault(r.version(), List.of());
            if (rows.size() != 1) {
                problems.add("acknowledged rename to version " + r.version() + " has " + rows.size() + " outbox events");
            } else if (!rows.get(0).sent() || !processed.contains(rows.get(0).eventId())) {
                problems.add("acknowledged rename to version " + r.version() + ": sent=" + rows.get(0).sent()
                        + ", applied by todo-frontend=" + processed.contains(rows.get(0).eventId()));
            } else {
                applied++;
            }
        }
        FaultDatabases.Author copy = FaultDatabases.author(renamer.id());
        if (copy.version() != newest || !copy.displayName().equals(newestName)) {
            problems.add("todo-frontend's author copy is " + copy + ", the newest profile is v" + newest + " " + newestName);
        }
        lines.add(("  renames (bob, profile API → outbox → ProfileUpdated → todo-frontend): acknowledged %d, one event each sent and"
                + " applied %d, not acknowledged %d; author copy at v%d '%s' (newest v%d)")
                .formatted(load.renames().size(), applied, load.renamesFailed(), copy.version(), copy.displayName(), newest));
    }

    private void checkTabs(UserActions load, List<LivePage> tabs, KeycloakUser writer, long faultAt, long profileFlowFrom,
            long boundMillis) throws Exception {
        long todoSilence = 0;
        long profileSilence = 0;
        for (int i = 0; i < tabs.size(); i++) {
            LivePage tab = tabs.get(i);
            FrameChain chain = tab.chain();
            chains.add(chain);
            long last = FaultDatabases.lastSeq(tab.user().id());
            lines.add("  tab %d (%s): %s; database seq %d".formatted(i + 1, tab.user().name(), chain.summary(), last));
            if (chain.seq() != last) {
                problems.add("tab " + (i + 1) + " stopped at seq " + chain.seq() + ", the database is at " + last);
            }
            if (chain.resets() > 0) {
                problems.add("tab " + (i + 1) + " needed " + chain.resets() + " reset(s) instead of an in-order resume");
            }
            List<Long> shown = tab.shownTodoIds();
            if (new HashSet<>(shown).size() != shown.size()) {
                problems.add("tab " + (i + 1) + " shows a card twice: " + shown);
            }
            if (tab.user().equals(writer)) {
                for (UserActions.AddedTodo a : load.added()) {
                    if (chain.timesAdded(a.id()) != 1 || !shown.contains(a.id())) {
                        problems.add("tab " + (i + 1) + ": todo " + a.id() + " applied " + chain.timesAdded(a.id())
                                + " times, shown " + shown.contains(a.id()));
                    }
                }
                todoSilence = Math.max(todoSilence, chain.longestSilenceAfter(faultAt, 60_000));
            } else {
                profileSilence = Math.max(profileSilence, chain.longestSilenceAfter(profileFlowFrom, 60_000));
            }
        }
        lines.add(("  live updates flow again: todo changes after at most %d ms without an update (from the fault),"
                + " profile events after at most %d ms (from the %s)")
                .formatted(todoSilence, profileSilence, profileFlowFrom == faultAt ? "fault" : "restart"));
        if (todoSilence > boundMillis || profileSilence > boundMillis) {
            problems.add("live updates stalled longer than the liveness bound of " + boundMillis + " ms");
        }
        lines.add(problems.isEmpty() ? "  verdict: nothing lost, nothing twice" : "  PROBLEMS: " + problems);
    }

    List<String> lines() {
        return lines;
    }

    List<FrameChain> chains() {
        return chains;
    }

    void assertClean() {
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
