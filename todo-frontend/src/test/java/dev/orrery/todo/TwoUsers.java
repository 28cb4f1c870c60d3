package dev.orrery.todo;

import org.junit.jupiter.api.BeforeEach;

/** Tests that act as alice and bob, each starting from an empty list. */
abstract class TwoUsers {

    protected final TodoClient alice = new TodoClient("alice");
    protected final TodoClient bob = new TodoClient("bob");

    @BeforeEach
    void emptyLists() {
        alice.deleteAll();
        bob.deleteAll();
    }
}
