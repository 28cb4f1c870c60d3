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
 * containing "poison" fails every time (to prove the delivery limit and dead-lettering).
 */
public final class EventApplier implements DeliveryHandler, AutoCloseable {

    private final Connection db;
    private final PreparedStatement markProcessed;
    private final PreparedStatement insertEffect;
    private final Consumer<String> onApplied;

    public EventApplier(EventDatabase database, Consumer<String> onApplied) throws SQLException {
        this.db = database.connect();
        db.setAutoCommit(false);
        this.markProcessed = db.prepareStatement(
                "insert into ha_processed (message_id) values (?) on conflict do nothing");
        this.insertEffect = db.prepareStatement("insert into ha_effect (message_id, payload) values (?, ?)");
        this.onApplied = onApplied;
    }

    @Override
    public boolean apply(String messageId, byte[] body) throws SQLException {
        if (messageId == null) throw new IllegalArgumentException("message without id");
        String payload = new String(body, StandardCharsets.UTF_8);
        try {
            markProcessed.setString(1, messageId);
            if (markProcessed.executeUpdate() == 0) {
                db.rollback();
                return false;
            }
            if (payload.contains("poison")) throw new SQLException("poison message " + messageId);
            insertEffect.setString(1, messageId);
            insertEffect.setString(2, payload);
            insertEffect.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        onApplied.accept(messageId);
        return true;
    }

    @Override
    public void close() throws SQLException { db.close(); }
}
