package dev.orrery.ha.scenario;

import dev.orrery.ha.health.Health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a failover run saw: the exactly-once ledger, the stalls, the counters and the health samples. */
public record ScenarioResult(String name, String killed, long published, int confirmed, int appliedRows,
                             List<String> confirmedButMissing, Map<String, Integer> appliedTwice,
                             Duration confirmStall, Duration applyStall, Duration firstNewConfirm,
                             Duration restart, Map<Health, Long> healthWhileDown, Health healthAfter,
                             String counters, long duplicatesSkipped, long redeliveries, long deadLetters) {

    /** Time until messages flow again: the longer of the confirm and apply stalls after the kill. */
    public Duration recovery() { return confirmStall.compareTo(applyStall) >= 0 ? confirmStall : applyStall; }

    public String report() {
        return """
                ===== %s: killed %s =====
                  published %d, confirmed %d, effect rows %d, confirmed-but-missing %d, applied-twice %d
                  time until messages flow again: %d ms (confirm stall %d ms, apply stall %d ms, first confirm of a new message %d ms)
                  restart of the killed part: %d ms; health while it was down: %s; after restart: %s
                  absorbed by de-dup: %d duplicates (redeliveries %d); dead letters %d
                  counters: %s"""
                .formatted(name, killed, published, confirmed, appliedRows, confirmedButMissing.size(),
                        appliedTwice.size(), recovery().toMillis(), confirmStall.toMillis(), applyStall.toMillis(),
                        firstNewConfirm.toMillis(), restart.toMillis(), healthWhileDown, healthAfter,
                        duplicatesSkipped, redeliveries, deadLetters, counters);
    }
}
