package dev.orrery.todo.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;

/** The ProfileUpdated consumer (quorum queue with a delivery limit, then the dead-letter queue). */
@Singleton
@Identifier("profile-events")
public class CountedProfileEvents extends CountingIncoming {

    CountedProfileEvents(MeterRegistry registry, DeliveryChannels deliveries) {
        super(registry, deliveries, "profile-events");
    }
}
