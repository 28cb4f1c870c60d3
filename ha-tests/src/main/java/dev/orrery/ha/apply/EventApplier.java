package dev.orrery.ha.apply;

import dev.orrery.ha.client.DeliveryHandler;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Applies an event in one transaction together with its message id: a redelivered or
 * republished message finds its id in {@code ha_processed} and changes nothing. A payload
 * containing "poison" fails every time, before any write (to prove the delivery limit and
 * dead-lettering).
 */
public final class EventApplier implements DeliveryHandler, AutoCloseable {

    /**
     * Marks the id processed and applies the effect in ONE statement (one round trip, atomic on
     * its own): the effect row is written only when the id was new.
     */
    private static final String APPLY_ONCE = """
            with fresh as (
              insert into ha_processed (message_id) values (?) on conflict do nothing returning message_id)
            insert into ha_effect (message_id, payload) select message_id, ? from fresh""";

    private final Connection db;
    private final PreparedStatement applyOnce;
    private final Consumer<String> onApplied;

    public EventApplier(EventDatabase database, Consumer<String> onApplied) throws SQLException {
        this.db = database.connect();
        db.setAutoCommit(true);
        this.applyOnce = db.prepareStatement(APPLY_ONCE);
        this.onApplied = onApplied;
    }

    @Override
    public boolean apply(String messageId, byte[] body) throws SQLException {
        if (messageId == null) throw new IllegalArgumentException("message without id");
        String payload = new String(body, StandardCharsets.UTF_8);
        if (payload.contains("poison")) throw new SQLException("poison message " + messageId);
        applyOnce.setString(1, messageId);
        applyOnce.setString(2, payload);
        if (applyOnce.executeUpdate() == 0) return false;
        onApplied.accept(messageId);
        return true;
    }

    @Override
    public void close() throws SQLException { db.close(); }
}
