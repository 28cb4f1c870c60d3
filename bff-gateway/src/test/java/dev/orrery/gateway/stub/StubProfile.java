package dev.orrery.gateway.stub;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway pointed at {@link StubFrontends} instead of the real front-ends. */
public class StubProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StubFrontends.class));
    }
}
