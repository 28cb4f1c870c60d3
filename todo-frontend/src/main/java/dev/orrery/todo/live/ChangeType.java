package dev.orrery.todo.live;

/** What a frame tells the browser to do with its list. */
public enum ChangeType {
    /** Insert the card at the top (or replace it if the list already shows it). */
    ADDED,
    /** Replace the card. */
    UPDATED,
    /** Remove the card. */
    DELETED,
    /** Remove every card. */
    CLEARED,
    /** The user chose another style guide: the page switches to the one named in {@code html}. */
    STYLED,
    /** Replace the whole list: the client was too far behind to replay. Never stored. */
    RESET,
    /** Sent once the catch-up is done: the socket is live from the carried sequence number on. Never stored. */
    READY;

    public String wire() {
        return name().toLowerCase();
    }
}
