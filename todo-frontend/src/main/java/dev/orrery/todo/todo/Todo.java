package dev.orrery.todo.todo;

import java.time.Instant;
import java.util.List;

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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The user's todos, newest first. */
    public static List<Todo> ofUser(String userId) {
        return list("userId", Sort.descending("createdAt", "id"), userId);
    }
}
