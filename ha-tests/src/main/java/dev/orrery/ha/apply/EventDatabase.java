package dev.orrery.ha.apply;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The database the consumers apply events to: {@code ha_processed} (message ids already applied,
 * the de-dup table a service keeps next to its data) and {@code ha_effect} (one row per
 * application, deliberately without a unique key so a duplicate application would show).
 */
public final class EventDatabase {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5439;
    private final String name;

    public EventDatabase(String name) { this.name = name; }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, "orrery", "orrery");
    }

    /** Creates the database (orrery has CREATEDB) and the tables when missing; empties them. */
    public EventDatabase reset() throws SQLException {
        try (Connection admin = DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", "orrery", "orrery");
             Statement st = admin.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (!rs.next()) st.execute("create database " + name);
            }
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("create table if not exists ha_processed (message_id text primary key, "
                    + "processed_at timestamptz not null default now())");
            st.execute("create table if not exists ha_effect (id bigserial primary key, message_id text not null, "
                    + "payload text not null)");
            st.execute("truncate ha_processed, ha_effect");
        }
        return this;
    }

    /** message id -> number of times its effect was applied. */
    public Map<String, Integer> effectCounts() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select message_id, count(*) from ha_effect group by message_id")) {
            while (rs.next()) counts.put(rs.getString(1), rs.getInt(2));
        }
        return counts;
    }
}
