package dev.orrery.todo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The isolated summary document: the user's own counts only, and the bridge it talks through. */
@QuarkusTest
class SummaryTest extends TwoUsers {

    @Test
    void summaryCountsOnlyTheUsersOwnTodos() {
        long first = alice.add("one");
        alice.add("two");
        bob.add("bob's");
        alice.request().contentType(ContentType.JSON).body(Map.of("done", true)).patch("/api/todos/" + first)
                .then().statusCode(200);
        alice.request().get("/todo/isolated/summary")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("data-open=\"1\" data-done=\"1\""))
                .body(containsString("/orrery/widgets/orrery-bridge."))
                .body(containsString("allowedOrigins: [location.origin]"));
    }

    @Test
    void summaryRefusesRequestsWithoutToken() {
        given().get("/todo/isolated/summary").then().statusCode(401);
    }
}
