package dev.orrery.ha.client;

/** Applies one message durably; returns false when the message id was already applied. */
@FunctionalInterface
public interface DeliveryHandler {
    boolean apply(String messageId, byte[] body) throws Exception;
}
