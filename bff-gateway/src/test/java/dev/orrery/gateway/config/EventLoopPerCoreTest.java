package dev.orrery.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.StreamSupport;

import dev.orrery.gateway.stub.StubProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(StubProfile.class)
class EventLoopPerCoreTest {

    @Inject
    Vertx vertx;

    @Test
    void theGatewayRunsOneEventLoopPerCore() {
        long loops = StreamSupport.stream(((VertxInternal) vertx).getEventLoopGroup().spliterator(), false).count();
        assertEquals(Runtime.getRuntime().availableProcessors(), loops, "Vert.x's default is two per core");
    }
}
