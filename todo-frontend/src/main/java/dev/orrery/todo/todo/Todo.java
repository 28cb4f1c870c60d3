package dev.orrery.todo.todo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
public class Todo extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String text;

    public boolean done;

    /** Lower-case {@link Priority} name; the column's check constraint keeps it valid. */
    @Column(nullable = false)
    public String priority = Priority.NORMAL.wire();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The user's todos, newest first. */
    public static List<Todo> ofUser(String userId) {
        return list("userId", Sort.descending("createdAt", "id"), userId);
    }

    /** The todo if it exists and belongs to the user; another user's todo is as absent as a missing one. */
    public static Optional<Todo> ofUser(String userId, long id) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }
}
