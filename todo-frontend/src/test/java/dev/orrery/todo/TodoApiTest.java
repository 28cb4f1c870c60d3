package dev.orrery.todo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TodoApiTest extends TwoUsers {


    @Test
    void addListPatchDeleteRoundTrip() {
        alice.request().contentType(ContentType.JSON).body(Map.of("text", "Buy milk\nand bread"))
                .post("/api/todos")
                .then().statusCode(201)
                .header("Location", containsString("/api/todos/"))
                .body("text", is("Buy milk\nand bread"))
                .body("done", is(false))
                .body("priority", is("normal"))
                .body("createdAt", notNullValue())
                .body("author.displayName", is("Alice Liddell"));
        long second = alice.add("Second");

        alice.request().get("/api/todos").then().statusCode(200)
                .body("text", equalTo(List.of("Second", "Buy milk\nand bread")));

        alice.request().contentType(ContentType.JSON).body(Map.of("done", true, "priority", "high"))
                .patch("/api/todos/" + second)
                .then().statusCode(200).body("done", is(true)).body("priority", is("high"));
        alice.request().contentType(ContentType.JSON).body(Map.of("done", false))
                .patch("/api/todos/" + second)
                .then().statusCode(200).body("done", is(false)).body("priority", is("high"));

        alice.request().delete("/api/todos/" + second).then().statusCode(204);
        assertEquals(List.of("Buy milk\nand bread"), alice.list().stream().map(t -> t.get("text")).toList());

        alice.request().delete("/api/todos").then().statusCode(204);
        assertEquals(0, alice.count());
    }

    @Test
    void formPostAddsAndRedirectsBackToThePageOnThisOriginOnly() {
        assertEquals("/?tab=todos", postForm("From a form", "http://localhost:8080/?tab=todos"));
        assertEquals("From a form", alice.list().get(0).get("text"));
        // Only the Referer's path is kept: the browser stays on the origin it posted to.
        assertEquals("/phish", postForm("x", "//evil.example/phish"));
        assertEquals("/", postForm("y", null));
    }

    private String postForm(String text, String referer) {
        var request = alice.request().redirects().follow(false).formParam("text", text);
        if (referer != null) {
            request.header("Referer", referer);
        }
        return request.post("/api/todos").then().statusCode(303).extract().header("Location");
    }

    @Test
    void htmlInTextIsStoredAsGivenAndRenderedEscaped() {
        String script = "<script>alert('x')</script><b>bold</b>";
        long id = alice.add(script);
        assertEquals(script, alice.list().get(0).get("text"));
        String card = alice.card(id);
        assertTrue(card.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"), card);
        assertTrue(!card.contains("<script>") && !card.contains("<b>"), card);
    }

    @Test
    void everyEndpointRefusesRequestsWithoutToken() {
        io.restassured.RestAssured.given().get("/api/todos").then().statusCode(401);
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("text", "x"))
                .post("/api/todos").then().statusCode(401);
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("done", true))
                .patch("/api/todos/1").then().statusCode(401);
        io.restassured.RestAssured.given().delete("/api/todos/1").then().statusCode(401);
        io.restassured.RestAssured.given().delete("/api/todos").then().statusCode(401);
        io.restassured.RestAssured.given().get("/fragments/card/1").then().statusCode(401);
        assertEquals(0, alice.count());
    }

    @Test
    void usersAreIsolated() {
        long alices = alice.add("Alice's secret");
        bob.add("Bob's plan");

        assertEquals(List.of("Bob's plan"), bob.list().stream().map(t -> t.get("text")).toList());
        bob.request().contentType(ContentType.JSON).body(Map.of("done", true))
                .patch("/api/todos/" + alices)
                .then().statusCode(404).body("status", is(404)).body("message", is("No todo with id " + alices));
        bob.request().delete("/api/todos/" + alices).then().statusCode(404);
        bob.request().get("/fragments/card/" + alices).then().statusCode(404)
                .body(org.hamcrest.Matchers.not(containsString("secret")));
        bob.deleteAll();

        List<Map<String, Object>> left = alice.list();
        assertEquals(1, left.size());
        assertEquals(false, left.get(0).get("done"));
        assertEquals("Alice's secret", left.get(0).get("text"));
    }

    @Test
    void concurrentPostsLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> posts = IntStream.range(0, 40)
                    .<Callable<Long>> mapToObj(i -> () -> alice.add("parallel " + i)).toList();
            Set<Long> ids = pool.invokeAll(posts).stream().map(TodoApiTest::get).collect(Collectors.toSet());
            assertEquals(40, ids.size());
            assertEquals(40, alice.count());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Long get(Future<Long> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
