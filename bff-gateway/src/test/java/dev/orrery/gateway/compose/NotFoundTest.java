package dev.orrery.gateway.compose;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubProfile;
import dev.orrery.gateway.stub.StubbedGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Paths nothing serves get the site's own 404: a page in the visitor's style guide, or JSON for scripts. */
@QuarkusTest
@TestProfile(StubProfile.class)
class NotFoundTest extends StubbedGateway {

    @Test
    void anUnknownPathIsTheSitesOwn404PageInTheStyleGuide() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");

        var page = alice.send(HttpRequest.newBuilder(URI.create(alice.site + "/no/such/page?x=1"))
                .header("Accept", "text/html"));

        assertEquals(404, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertTrue(page.body().contains("<html lang=\"en\" data-style-guide=\"daylight\">"), page.body());
        assertTrue(page.body().contains("<link rel=\"stylesheet\" href=\"/orrery/"), "the shared style: " + page.body());
        assertTrue(page.body().contains("Nothing here") && page.body().contains("/no/such/page"), page.body());
        assertTrue(page.body().contains("<a href=\"/\">"), "a way back");
        assertFalse(page.body().contains("Resource not found"), page.body());
    }

    @Test
    void thePathIsShownEscaped() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");

        // A raw '<' or '"' is refused by the HTTP parser (400); these reach the page as sent (paths are not decoded)
        String response = raw("GET /nothing/%3Cscript%3Ealert(1)%3C/script%3E&x='y HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/html\r\nCookie: " + alice.sessionCookies() + "\r\nConnection: close\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 404"), response);
        assertTrue(response.contains("/nothing/%3Cscript%3Ealert(1)%3C/script%3E&amp;x=&#39;y"), response);
        assertFalse(response.contains("<script>alert(1)") || response.contains("&x='y"), response);
    }

    @Test
    void scriptsGetJson() throws Exception {
        LoggedIn alice = resetAndLogIn("alice");
        for (var request : new HttpRequest.Builder[] {
                HttpRequest.newBuilder(URI.create(alice.site + "/no/such/thing")).header("Accept", "application/json"),
                HttpRequest.newBuilder(URI.create(alice.site + "/api/nothing-declared")) }) {
            var answer = alice.send(request);

            assertEquals(404, answer.statusCode());
            assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.body().startsWith("{\"status\":404,"), answer.body());
        }
    }

    @Test
    void anonymousVisitorsOfPublicPathsGetThePageToo() {
        given().get("/orrery/no-such-asset.css").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("data-style-guide=\"daylight\""), not(containsString("Resource not found")));
        given().header("Accept", "application/json").get("/orrery/no-such-asset.css").then().statusCode(404)
                .body("status", equalTo(404));
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
