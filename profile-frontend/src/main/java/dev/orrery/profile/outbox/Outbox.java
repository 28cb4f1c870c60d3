package dev.orrery.profile.outbox;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orrery.contracts.event.ProfileUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/** Writes events into the caller's transaction; {@link OutboxRelay} publishes them once that transaction commits. */
@ApplicationScoped
public class Outbox {

    /** Fired inside the writing transaction; observed after it succeeds, to relay without waiting for the poll. */
    public record Appended() {
    }

    private final ObjectMapper mapper;
    private final Event<Appended> appended;

    Outbox(ObjectMapper mapper, Event<Appended> appended) {
        this.mapper = mapper;
        this.appended = appended;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(ProfileUpdated event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.routingKey = ProfileUpdated.ROUTING_KEY;
        row.payload = json(event);
        row.createdAt = Instant.now();
        row.nextAttemptAt = row.createdAt;
        row.persist();
        appended.fire(new Appended());
    }

    private String json(ProfileUpdated event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ProfileUpdated is not serializable", e);
        }
    }
}
