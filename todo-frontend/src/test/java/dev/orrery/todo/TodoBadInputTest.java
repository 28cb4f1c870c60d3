package dev.orrery.todo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every bad input gets a 4xx with a JSON message, and nothing is stored or changed. */
@QuarkusTest
class TodoBadInputTest {

    private final TodoClient alice = new TodoClient("alice");
    private long existing;
    private List<Map<String, Object>> before;

    @BeforeEach
    void oneTodo() {
        alice.deleteAll();
        existing = alice.add("Keep me");
        before = alice.list();
    }

    private ValidatableResponse post(ContentType type, String body) {
        return alice.request().contentType(type).body(body).post("/api/todos").then();
    }

    private ValidatableResponse patch(String id, Object body) {
        return alice.request().contentType(ContentType.JSON).body(body).patch("/api/todos/" + id).then();
    }

    private void refused(ValidatableResponse response, int status, String message) {
        response.statusCode(status).contentType(ContentType.JSON)
                .body("status", is(status)).body("message", containsString(message));
        assertEquals(before, alice.list(), "nothing may change");
    }

    private void wrongType(ValidatableResponse response, String field, String message) {
        refused(response, 400, message);
        response.body("field", is(field));
    }

    @Test
    void emptyText() {
        refused(post(ContentType.JSON, "{\"text\":\"\"}"), 400, "needs some text");
    }

    @Test
    void whitespaceOnlyText() {
        refused(post(ContentType.JSON, "{\"text\":\" \\n\\t \"}"), 400, "needs some text");
        refused(alice.request().formParam("text", "   ").post("/api/todos").then(), 400, "needs some text");
    }

    @Test
    void missingTextOrBody() {
        refused(post(ContentType.JSON, "{}"), 400, "needs some text");
        refused(post(ContentType.JSON, "null"), 400, "JSON object");
    }

    @Test
    void textOverTheConfiguredLimit() {
        refused(post(ContentType.JSON, "{\"text\":\"" + "x".repeat(2001) + "\"}"), 400, "at most 2000 characters");
    }

    @Test
    void textAtTheLimitIsAccepted() {
        post(ContentType.JSON, "{\"text\":\"" + "é".repeat(2000) + "\"}").statusCode(201);
    }

    @Test
    void bodyOverTheSizeLimit() {
        refused(post(ContentType.JSON, "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}"), 413, "larger than");
    }

    @Test
    void malformedJson() {
        refused(post(ContentType.JSON, "{\"text\": \"unterminated"), 400, "not valid JSON");
    }

    /** Jackson would turn 42 into "42" and "true" into true; a JSON value of the wrong type is refused instead. */
    @Test
    void textOfAnotherJsonTypeIsNotCoerced() {
        for (String text : List.of("42", "-4.5e3", "true", "false", "[\"Buy milk\"]", "[]", "{\"nested\": 1}")) {
            wrongType(post(ContentType.JSON, "{\"text\": " + text + "}"), "text", "text must be a JSON string");
        }
        wrongType(post(ContentType.JSON, "{\"text\": null}"), "text", "needs some text");
    }

    @Test
    void doneOfAnotherJsonTypeIsNotCoerced() {
        for (String done : List.of("\"true\"", "\"false\"", "\"maybe\"", "1", "0", "[true]", "{}")) {
            wrongType(patch(String.valueOf(existing), "{\"done\": " + done + "}"), "done", "done must be true or false");
        }
    }

    @Test
    void priorityOfAnotherJsonTypeIsNotCoerced() {
        for (String priority : List.of("1", "true", "[\"high\"]", "{\"level\": \"high\"}")) {
            wrongType(patch(String.valueOf(existing), "{\"done\": true, \"priority\": " + priority + "}"), "priority",
                    "priority must be a JSON string");
        }
    }

    @Test
    void wrongContentType() {
        refused(post(ContentType.TEXT, "Buy milk"), 415, "Unsupported Media Type");
        refused(alice.request().contentType(ContentType.XML).body("<done>true</done>")
                .patch("/api/todos/" + existing).then(), 415, "Unsupported Media Type");
    }

    @Test
    void unknownId() {
        refused(patch("999999999", Map.of("done", true)), 404, "No todo with id 999999999");
        refused(alice.request().delete("/api/todos/999999999").then(), 404, "No todo with id 999999999");
        refused(alice.request().get("/fragments/card/999999999").then(), 404, "No todo with id 999999999");
    }

    @Test
    void nonNumericId() {
        refused(patch("abc", Map.of("done", true)), 400, "positive number");
        refused(alice.request().delete("/api/todos/12x").then(), 400, "positive number");
        refused(alice.request().delete("/api/todos/-3").then(), 400, "positive number");
    }

    @Test
    void patchWithNothingOrABadPriority() {
        refused(patch(String.valueOf(existing), "{}"), 400, "done");
        refused(patch(String.valueOf(existing), Map.of("priority", "urgent")), 400, "priority is one of low, normal, high");
    }
}
