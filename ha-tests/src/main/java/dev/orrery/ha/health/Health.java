package dev.orrery.ha.health;

/** UP: all nodes and our connections fine. DEGRADED: a majority serves, something is missing. DOWN: no majority. */
public enum Health { UP, DEGRADED, DOWN }
