package dev.orrery.gateway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontend.Answer;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import dev.orrery.gateway.stub.StubbedGateway;
import io.netty.util.ResourceLeakDetector;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Fragment bodies stay in Netty's pooled read buffers until the page is written; every one must go back to the pool.
 * Netty's leak detector, at its strictest, reports any pooled buffer collected without being released.
 */
@QuarkusTest
@TestProfile(StubProfile.class)
class PooledBodiesTest extends StubbedGateway {

    private static final String LIST = "/fragments/list";
    private static final String BADGE = "/fragments/badge";

    @Test
    void everyFragmentBodyGoesBackToThePoolWhetherItWasWrittenLateOrNever() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");
        StubFrontends.todo().answer(LIST, Answer.ok("<ul data-fragment=\"todo:list\"><li>milk</li></ul>"));
        List<String> leaks = new CopyOnWriteArrayList<>();
        Handler watcher = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (String.valueOf(record.getMessage()).contains("LEAK")) {
                    leaks.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger detectorLog = Logger.getLogger(ResourceLeakDetector.class.getName());
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        detectorLog.addHandler(watcher);
        try {
            StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Alice</span>"));
            for (int i = 0; i < 30; i++) {
                assertEquals(200, alice.get("/").statusCode());
            }
            // over its budget: streamed out of order at the end of the page
            StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Late</span>").delayed(1200));
            HttpResponse<String> late = alice.get("/");
            assertTrue(late.body().contains("<template data-orrery-late=\"profile:badge\">"), late.body());
            // an answer that is not OK: its body is never written
            StubFrontends.profile().answer(BADGE, new Answer(500, "<p>broken</p>", 0, java.util.Map.of()));
            for (int i = 0; i < 10; i++) {
                assertEquals(200, alice.get("/").statusCode());
            }
            // the detector reports collected, unreleased buffers when the next ones are allocated
            for (int round = 0; round < 3; round++) {
                System.gc();
                Thread.sleep(200);
                StubFrontends.profile().answer(BADGE, Answer.ok("<span class=\"profile-name\">Alice</span>"));
                for (int i = 0; i < 10; i++) {
                    alice.get("/");
                }
            }
        } finally {
            detectorLog.removeHandler(watcher);
            ResourceLeakDetector.setLevel(level);
        }
        assertEquals(List.of(), leaks);
    }
}
