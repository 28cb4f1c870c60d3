package dev.orrery.ha.services;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/** The services' own databases of the fault tests (recreated per run), read the way an auditor would. */
final class FaultDatabases {

    static final String TODO = "todo_fault";
    static final String PROFILE = "profile_fault";

    private FaultDatabases() {
    }

    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5439/" + database;
    }

    static void recreate() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "orrery", "orrery");
                Statement s = c.createStatement()) {
            for (String name : List.of(TODO, PROFILE)) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + name + " OWNER orrery");
            }
        }
    }

    /** How many todos carry each of these texts (the load makes every text unique). */
    static Map<String, Integer> todoCountsByText(Set<String> texts) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(TODO);
                PreparedStatement s = c.prepareStatement("select text, count(*) from todo where text = any(?) group by text")) {
            s.setArray(1, c.createArrayOf("varchar", texts.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    /** The user's last live-update sequence number in todo-frontend. */
    static long lastSeq(String userId) throws SQLException {
        try (Connection c = connect(TODO);
                PreparedStatement s = c.prepareStatement("select last_seq from todo_user_seq where user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** todo-frontend's copy of the author: display name and version. */
    static Author author(String userId) throws SQLException {
        try (Connection c = connect(TODO);
                PreparedStatement s = c.prepareStatement("select display_name, version from author where user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Author(r.getString(1), r.getLong(2)) : new Author(null, 0);
            }
        }
    }

    record Author(String displayName, long version) {
    }

    /** profile-frontend's outbox rows of the user: one per committed change. */
    static List<OutboxRow> outbox(String userId) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (Connection c = connect(PROFILE);
                PreparedStatement s = c.prepareStatement(
                        "select event_id, payload, sent_at is not null from outbox_event where payload like ? order by id")) {
            s.setString(1, "%\"" + userId + "\"%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new OutboxRow(r.getString(1), r.getString(2), r.getBoolean(3)));
                }
            }
        }
        return rows;
    }

    record OutboxRow(String eventId, String payload, boolean sent) {
    }

    /** Event ids todo-frontend recorded as applied (its de-dup table; the primary key makes each id appear once). */
    static Set<String> processedEvents(String userId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = connect(TODO);
                PreparedStatement s = c.prepareStatement("select event_id from processed_event where user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "orrery", "orrery");
    }
}
