package dev.orrery.todo;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured calls of the todo API as one of the demo users. */
public record TodoClient(String user) {

    public RequestSpecification request() {
        return given().auth().oauth2(KeycloakTokens.accessToken(user));
    }

    public long add(String text) {
        return request().contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/todos").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public List<Map<String, Object>> list() {
        return request().get("/api/todos").then().statusCode(200).extract().jsonPath().getList("$");
    }

    public int count() {
        return list().size();
    }

    public void deleteAll() {
        request().delete("/api/todos").then().statusCode(204);
    }

    public String card(long id) {
        return request().get("/fragments/card/" + id).then().statusCode(200).extract().asString();
    }
}
