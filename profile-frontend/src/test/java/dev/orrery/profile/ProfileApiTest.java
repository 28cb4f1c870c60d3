package dev.orrery.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProfileApiTest {

    @Test
    void firstGetCreatesTheProfileFromTheTokenClaims() {
        Profiles.get("bob").statusCode(200).body("avatarUrl", containsString("/api/profile/avatar/"));
        String email = Profiles.get("bob").extract().path("email");
        assertTrue(email != null && email.contains("@"), "email claim copied: " + email);
    }

    @Test
    void putChangesTheOwnProfileTrimsTheNameAndIncreasesTheVersion() {
        long before = ((Number) Profiles.get("alice").extract().path("version")).longValue();
        String name = "Alice " + UUID.randomUUID().toString().substring(0, 8);
        Profiles.put("alice", "  " + name + "  ", "nightfall", "Europe/Berlin").statusCode(200)
                .body("displayName", is(name))
                .body("styleGuide", is("nightfall"))
                .body("timeZone", is("Europe/Berlin"));
        long after = ((Number) Profiles.get("alice").extract().path("version")).longValue();
        assertTrue(after > before, "version " + before + " -> " + after);
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
    }

    @Test
    void unchangedPutKeepsTheVersion() {
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
        long before = ((Number) Profiles.get("alice").extract().path("version")).longValue();
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200).body("version", is((int) before));
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
        long version = ((Number) Profiles.get("alice").extract().path("version")).longValue();
        Profiles.put("alice", "   ", "daylight", "UTC").statusCode(400).body("field", is("displayName"))
                .body("status", is(400));
        Profiles.put("alice", "x".repeat(81), "daylight", "UTC").statusCode(400).body("field", is("displayName"));
        Profiles.put("alice", "Alice", "neon", "UTC").statusCode(400).body("field", is("styleGuide"))
                .body("message", containsString("daylight"));
        Profiles.put("alice", "Alice", "daylight", "Mars/Olympus").statusCode(400).body("field", is("timeZone"));
        given().auth().oauth2(KeycloakTokens.accessToken("alice")).contentType(ContentType.JSON).body("{\"displayName\":")
                .put("/api/profile").then().statusCode(400).contentType(ContentType.JSON).body("status", is(400));
        Profiles.get("alice").body("displayName", is("Alice Liddell"))
                .body("version", is((int) version));
    }

    /** Jackson would store 42 as the name "42"; a JSON value of the wrong type is refused and nothing is written. */
    @Test
    void aJsonValueOfTheWrongTypeIsA400NamingTheFieldAndWritesNothing() {
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
        long version = ((Number) Profiles.get("alice").extract().path("version")).longValue();
        for (String value : List.of("42", "-4.5e3", "true", "false", "[\"Alice\"]", "[]", "{\"first\": \"Alice\"}")) {
            putRaw("{\"displayName\": " + value + ", \"styleGuide\": \"contrast\", \"timeZone\": \"UTC\"}")
                    .statusCode(400).contentType(ContentType.JSON).body("status", is(400))
                    .body("field", is("displayName")).body("message", is("displayName must be a JSON string"));
            putRaw("{\"displayName\": \"Alice\", \"styleGuide\": " + value + ", \"timeZone\": \"UTC\"}")
                    .statusCode(400).body("field", is("styleGuide")).body("message", is("styleGuide must be a JSON string"));
            putRaw("{\"displayName\": \"Alice\", \"styleGuide\": \"contrast\", \"timeZone\": " + value + "}")
                    .statusCode(400).body("field", is("timeZone")).body("message", is("timeZone must be a JSON string"));
        }
        putRaw("{\"displayName\": null, \"styleGuide\": \"contrast\", \"timeZone\": \"UTC\"}")
                .statusCode(400).contentType(ContentType.JSON).body("field", is("displayName"));
        putRaw("[\"Alice\", \"contrast\", \"UTC\"]").statusCode(400).contentType(ContentType.JSON)
                .body("status", is(400)).body("message", containsString("JSON object"));
        Profiles.get("alice").body("displayName", is("Alice Liddell")).body("styleGuide", is("daylight"))
                .body("version", is((int) version));
    }

    private static ValidatableResponse putRaw(String json) {
        return given().auth().oauth2(KeycloakTokens.accessToken("alice")).contentType(ContentType.JSON).body(json)
                .put("/api/profile").then();
    }

    @Test
    void oneUsersChangeNeverTouchesAnothersProfile() {
        Profiles.put("bob", "Bob Builder", "daylight", "UTC").statusCode(200);
        String bobBefore = Profiles.get("bob").extract().asString();
        Profiles.put("alice", "Alice Elsewhere", "contrast", "Asia/Tokyo").statusCode(200);
        assertEquals(bobBefore, Profiles.get("bob").extract().asString());
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
    }

    @Test
    void withoutTokenNothingIsAnswered() {
        given().get("/api/profile").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/api/profile").then().statusCode(401);
    }
}
