package dev.orrery.todo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TodoResourceTest {

    @Test
    void apiRefusesRequestsWithoutToken() {
        given().get("/api/todos").then().statusCode(401);
    }

    @Test
    void apiRefusesForgedToken() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl")
                .get("/api/todos").then().statusCode(401);
    }

    @Test
    void listFragmentRendersForSignedInUser() {
        given().auth().oauth2(KeycloakTokens.accessToken("alice"))
                .get("/fragments/list")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("data-fragment=\"todo:list\""));
    }

    @Test
    void listFragmentRefusesRequestsWithoutToken() {
        given().get("/fragments/list").then().statusCode(401);
    }
}
