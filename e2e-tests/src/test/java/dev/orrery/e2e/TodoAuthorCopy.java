package dev.orrery.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads todo-frontend's own copy of profile data (its {@code author} table in the e2e database). */
final class TodoAuthorCopy {

    private TodoAuthorCopy() {
    }

    /** @return the display name todo-frontend knows for the user, or null before its first ProfileUpdated */
    static String displayName(String userId) throws SQLException {
        return displayName("todo_e2e", userId);
    }

    /** The same, in another todo-frontend's database (an IT that runs its own instance). */
    static String displayName(String database, String userId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5439/" + database, "orrery", "orrery");
                PreparedStatement s = c.prepareStatement("SELECT display_name FROM author WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
